// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import java.util.Locale;

/**
 * Turns libwebrtc's {@code onicecandidateerror} (a STUN error code and its text) into a sentence that says which
 * server failed, what that means and what to do. Codes are STUN's (RFC 8489, RFC 8656) plus the W3C's 701 for a
 * server that could not be reached. Pure; any thread.
 */
final class IceServerAdvice {
    /** W3C {@code RTCPeerConnectionIceErrorEvent}: the server could not be reached (no answer, lookup failed). */
    static final int SERVER_NOT_REACHABLE = 701;

    private IceServerAdvice() {}

    /** One sentence for the operator: the server, libwebrtc's words and code, and the likely fix. */
    static String explain(String url, int code, String text) {
        String server = url.isBlank() ? "A STUN/TURN server" : "The ICE server " + url;
        String said = text.isBlank() ? "error " + code : "\"" + text.strip() + "\" (" + code + ")";
        boolean turn = url.toLowerCase(Locale.ROOT).startsWith("turn");
        return server + " failed: " + said + ". " + advice(code, turn);
    }

    private static String advice(int code, boolean turn) {
        return switch (code) {
            case 401, 441 ->
                "The username or credential was refused: check both (for a coturn server, the "
                        + "--user entry and the realm).";
            case 403 ->
                "The server forbids this request (peer address not allowed, or the credential is not "
                        + "allowed to allocate): check the server's allowed and denied peer ranges.";
            case 437, 438 ->
                "The allocation went stale; it is retried automatically. If it repeats, check the "
                        + "server's clock and nonce lifetime.";
            case 486, 508 -> "The server is out of allocations or capacity: raise its quota or use another server.";
            case 442 ->
                "The server does not support this transport: use ?transport=udp, or enable TCP relaying "
                        + "on the server.";
            case SERVER_NOT_REACHABLE ->
                "No answer: check the host, the port"
                        + (turn ? ", the transport (udp/tcp)" : "")
                        + " and that no firewall drops the traffic.";
            default ->
                code >= 500 && code < 600
                        ? "The server reported an internal error: see its log."
                        : "See the server's log for this request.";
        };
    }
}
