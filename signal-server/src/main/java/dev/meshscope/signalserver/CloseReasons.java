// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

/**
 * The close codes and reasons the server sends, word for word those of the demo's Node server
 * ({@code server_node/server.js}), so a client that shows or matches them sees no difference; plus the one this
 * server adds ({@link #MESSAGE_TOO_LARGE}). Every refusal closes only the sender's WebSocket.
 */
public final class CloseReasons {
    /** Every refusal: the Node server's one application close code. */
    public static final int REFUSED = 4000;
    /** The 10 s after a seal are over: a normal close. */
    public static final int SEAL_COMPLETE_CODE = 1000;

    /** Nobody sent JOIN within the no-lobby timeout (1 s). */
    public static final String NO_LOBBY = "Have not joined lobby yet";
    /** The host left: every other peer of its lobby is closed with this. */
    public static final String HOST_DISCONNECTED = "Room host has disconnected";
    /** SEAL from a peer that is not the lobby's host. */
    public static final String ONLY_HOST_CAN_SEAL = "Only host can seal the lobby";
    /** Sent with code 1000 to every peer of a sealed lobby once the seal timeout is over. */
    public static final String SEAL_COMPLETE = "Seal complete";
    /** JOIN "" while {@code maxLobbies} lobbies are open. */
    public static final String TOO_MANY_LOBBIES = "Too many lobbies open, disconnecting";
    /** A second JOIN. */
    public static final String ALREADY_IN_LOBBY = "Already in a lobby";
    /** JOIN with a name no open lobby has (the Node server's grammar, kept as it is). */
    public static final String LOBBY_DOES_NOT_EXIST = "Lobby does not exists";
    /** JOIN of a sealed lobby. */
    public static final String LOBBY_IS_SEALED = "Lobby is sealed";
    /** Not JSON, not an object, {@code type} or {@code id} missing, not a number or negative, {@code data} not a string. */
    public static final String INVALID_FORMAT = "Invalid message format";
    /** SEAL, OFFER, ANSWER, CANDIDATE or an unknown type before JOIN. */
    public static final String NEED_LOBBY = "Invalid message when not in a lobby";
    /** The peer's lobby is gone (kept from the Node server; cannot happen here as a lobby ends with its host). */
    public static final String SERVER_ERROR = "Server error, lobby not found";
    /** A relayed message to an id that is not in the sender's lobby. */
    public static final String INVALID_DEST = "Invalid destination";
    /** A type the server does not take from a client (ID, PEER_CONNECT, PEER_DISCONNECT, 8 and above). */
    public static final String INVALID_CMD = "Invalid command";
    /** A new connection while {@code maxPeers} are connected. */
    public static final String TOO_MANY_PEERS = "Too many peers connected";
    /** A binary frame. */
    public static final String INVALID_TRANSFER_MODE = "Invalid transfer mode, must be text";

    private CloseReasons() {}

    /**
     * The reason for a message above {@code maxBytes}, e.g. "Message too large, must be at most 65535 bytes" (not in
     * the Node server, which closes with 1009 above 100 MiB).
     */
    public static String messageTooLarge(int maxBytes) {
        return MESSAGE_TOO_LARGE + maxBytes + " bytes";
    }

    /** The start of {@link #messageTooLarge(int)}. */
    public static final String MESSAGE_TOO_LARGE = "Message too large, must be at most ";
}
