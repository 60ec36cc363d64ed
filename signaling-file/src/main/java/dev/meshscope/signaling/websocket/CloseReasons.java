// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.websocket;

import java.util.Map;

/**
 * What a server's close code and reason mean for the operator, and what to do. The reasons are the demo Node
 * server's ({@code server_node/server.js}, spec section 9.3), which {@code meshscope signal-server} repeats; any
 * other code or reason is shown as it came, with what its code means. Pure.
 */
final class CloseReasons {
    /** The Node server's code for every protocol error (server.js {@code ProtoError}). */
    static final int PROTOCOL_ERROR = 4000;

    /** 1000: a normal close (after the seal: "Seal complete"). */
    static final int NORMAL = 1000;

    /** The Node server's reasons, each with what it means and what to do. */
    private static final Map<String, String> ADVICE = Map.ofEntries(
            Map.entry(
                    "Lobby is sealed",
                    "the host sealed this lobby, so nobody can join it any more: ask the host for a new lobby, or leave"
                            + " the lobby name empty to create one."),
            Map.entry(
                    "Lobby does not exists",
                    "no lobby has that name on this server: check the name (it is case-sensitive) or leave it empty to"
                            + " create a lobby."),
            Map.entry(
                    "Invalid destination",
                    "this peer sent an offer, answer or candidate to a peer that is not in the lobby (it probably left"
                            + " meanwhile), and the server closes the sender for it: join again."),
            Map.entry(
                    "Have not joined lobby yet",
                    "the server closes a connection that has not joined a lobby within 1 s: the JOIN did not arrive in"
                            + " time (a very slow link?); try again."),
            Map.entry(
                    "Room host has disconnected",
                    "the lobby's host (peer 1) left, so the server closed the lobby for everyone: ask the host for a"
                            + " new lobby, or create one."),
            Map.entry(
                    "Seal complete",
                    "normal: the host sealed the lobby and the server closes every connection 10 s later; connected"
                            + " peers stay connected."),
            Map.entry(
                    "Only host can seal the lobby",
                    "only the lobby's host (peer 1) may seal it, and the server closes anyone else who tries: join"
                            + " again and let the host seal."),
            Map.entry(
                    "Too many lobbies open, disconnecting",
                    "the server holds as many lobbies as it allows (1024 for the demo's Node server): join an existing"
                            + " lobby or try again later."),
            Map.entry(
                    "Already in a lobby",
                    "this connection sent a second JOIN, which the server refuses: leave and join again."),
            Map.entry(
                    "Invalid message format",
                    "the server could not read a message this peer sent as {\"type\", \"id\", \"data\"}: join again;"
                            + " if it repeats, the server speaks another protocol."),
            Map.entry(
                    "Invalid message when not in a lobby",
                    "this peer sent a message before its JOIN was taken: join again."),
            Map.entry(
                    "Server error, lobby not found",
                    "the server lost this peer's lobby (its own error): join again, or create a new lobby."),
            Map.entry(
                    "Invalid command",
                    "the server does not know a message type this peer sent: check that it is a Godot demo signaling"
                            + " server."),
            Map.entry(
                    "Too many peers connected",
                    "the server holds as many connections as it allows (4096 for the demo's Node server): try again"
                            + " later."),
            Map.entry(
                    "Invalid transfer mode, must be text",
                    "the server took a text frame for binary. The demo's Node server does this with every message"
                            + " when it runs on the 'ws' package 8 or later (its package.json pins ws ^7.5.9): start it"
                            + " after 'npm install', or 'npm install ws@7'."));

    private CloseReasons() {}

    /**
     * The operator's sentence for a close by the server: the code and reason as they came, then what they mean.
     * A reason is a server's own text: it is quoted, never interpreted beyond the known ones.
     */
    static String describe(int code, String reason) {
        String advice = ADVICE.get(reason.strip());
        if (advice == null) {
            advice = byCode(code);
        }
        return "the server closed the connection (code " + code + (reason.isEmpty() ? "" : ", \"" + reason + "\"")
                + "): " + advice;
    }

    /** Whether this close is the normal end after a seal. */
    static boolean afterSeal(int code, String reason) {
        return code == NORMAL && "Seal complete".equals(reason.strip());
    }

    private static String byCode(int code) {
        return switch (code) {
            case NORMAL -> "a normal close with no reason given; join again if this peer should still be in a lobby.";
            case 1001 -> "the server is going away (shutting down or restarting): join again once it is back.";
            case 1002 ->
                "the server saw a WebSocket protocol error: join again; if it repeats, check any proxy"
                        + " between this peer and the server.";
            case 1003, 1007 ->
                "the server refused the data this peer sent: check that it is a Godot demo signaling" + " server.";
            case 1006 ->
                "the connection dropped without a close message (the server stopped, or the network was"
                        + " lost): check the server and join again.";
            case 1008 -> "the server refused this peer by its policy: ask the server's operator.";
            case 1009 -> "a message was too large for the server.";
            case 1011 -> "the server hit an internal error: join again, or check the server's log.";
            case PROTOCOL_ERROR ->
                "the server refused this peer (a Godot demo server closes with 4000 on a protocol"
                        + " error; the reason says which).";
            default -> "the server gave no advice; the code and reason are shown as they came.";
        };
    }
}
