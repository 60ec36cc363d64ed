// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.timeline;

import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the signaling timeline: a message sent or received on one signaling path, with what became of it.
 * Every path feeds it: {@code LobbySession} traces every message it sends and receives (WebSocket and folder), a
 * transport traces the frames or files it refused before they reached the session (and the WebSocket transport its
 * own JOIN), and {@code ManualExchange} traces every paste and every blob it produced. Immutable; any thread.
 *
 * <p>Peer ids: the wire {@code id} of a received message is {@code from} (the sender of a relayed message, the
 * peer a {@code PEER_CONNECT}/{@code PEER_DISCONNECT} is about, this peer's id in {@code ID}, 0 for {@code JOIN} and
 * {@code SEAL}); the wire {@code id} of a sent message is {@code to}. The other end is this peer's id (0 before the
 * lobby assigned one, or when unknown).
 *
 * @param at        when it was sent or received (wall clock)
 * @param direction sent by this peer or received by it
 * @param path      {@link #WEBSOCKET}, {@link #FOLDER} or {@link #MANUAL}
 * @param type      the demo type code ({@link MessageType#code()}), or -1 when the text could not be read as a message
 * @param from      the sending peer (see above), 0 for the server or when unknown
 * @param to        the addressee (see above), 0 for the server or when unknown
 * @param size      the size of what was on the wire in UTF-8 bytes (a frame, a file, a paste, a blob)
 * @param data      the message's data (SDP, candidate, lobby name), or for a refused frame, file or paste its raw
 *                  text; at most {@link #MAX_DATA_CHARS} characters, then {@link #CUT_MARKER} and the count left out
 * @param verdict   what the receiver made of it
 * @param note      one sentence: what it was, or why it was refused or unexpected ("" when there is nothing to add)
 */
public record SignalTrace(
        Instant at,
        Direction direction,
        String path,
        int type,
        int from,
        int to,
        int size,
        String data,
        Verdict verdict,
        String note) {

    /** The path of the WebSocket lobby (the demo servers, {@code meshscope signal-server}). */
    public static final String WEBSOCKET = "websocket";
    /** The path of the shared folder. */
    public static final String FOLDER = "folder";
    /** The path of manual copy and paste. */
    public static final String MANUAL = "manual";

    /**
     * Most characters of {@code data} kept: a complete non-trickle data-channel SDP with a dozen candidates is 2-4 KiB,
     * so 16 KiB keeps every real description whole, while a hostile 1 MiB frame cannot make a timeline of a few
     * thousand entries hold gigabytes.
     */
    public static final int MAX_DATA_CHARS = 16 * 1024;

    /** Put where {@code data} was cut, followed by how many characters were left out and "]". */
    public static final String CUT_MARKER = "\u2026[cut: ";

    private static final String CUT_END = " more chars]";
    /** The longest marker: the prefix, an int's digits, the end. */
    private static final int MAX_MARKER_CHARS = CUT_MARKER.length() + 10 + CUT_END.length();

    /** Who sent it. */
    public enum Direction {
        /** This peer sent it. */
        SENT,
        /** This peer received it. */
        RECEIVED
    }

    /** What the receiving side made of it. */
    public enum Verdict {
        /** Sent, or received and used. */
        OK,
        /**
         * Its content was refused before it changed anything: not a demo message (bad JSON, a binary frame, missing
         * or mistyped fields, too large), a malformed candidate, or a description that failed its checks.
         */
        REFUSED,
        /**
         * Well formed but not expected here, so ignored as the demo client does: a relayed message from a peer that
         * is not this session's, an unknown type, a seal from someone else than the host.
         */
        UNEXPECTED
    }

    /** Checks the fields and bounds {@code data}. */
    public SignalTrace {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(verdict, "verdict");
        data = bound(Objects.requireNonNullElse(data, ""));
        note = Objects.requireNonNullElse(note, "");
    }

    /**
     * A trace of a demo message, sized as its JSON form {@code {"type","id","data"}}.
     *
     * @param ownId this peer's id (0 before it has one)
     */
    public static SignalTrace ofMessage(
            Direction direction, String path, SignalMessage m, int ownId, Verdict verdict, String note) {
        int from = direction == Direction.RECEIVED ? m.id() : ownId;
        int to = direction == Direction.RECEIVED ? ownId : m.id();
        return new SignalTrace(
                Instant.now(), direction, path, m.type(), from, to, jsonSize(m), m.data(), verdict, note);
    }

    /**
     * A trace of raw text received now (a frame, a file, a paste), kept as it came; {@code type} is -1 when it could
     * not be read as a message.
     *
     * @param from  the sender when known, else 0
     * @param ownId this peer's id (0 before it has one)
     * @param size  the UTF-8 bytes received (a frame or file may be larger than what {@code raw} holds)
     */
    public static SignalTrace received(
            String path, int type, int from, int ownId, String raw, int size, Verdict verdict, String note) {
        return new SignalTrace(Instant.now(), Direction.RECEIVED, path, type, from, ownId, size, raw, verdict, note);
    }

    /** The UTF-8 size of {@code text}. */
    public static int utf8Size(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The type's demo name ("OFFER"), "type N" for an unknown code, or "unreadable" for -1. */
    public String typeName() {
        if (type == -1) {
            return "unreadable";
        }
        MessageType t = MessageType.fromCode(type);
        return t == null ? "type " + type : t.name();
    }

    /** Whether {@code data} was cut to {@link #MAX_DATA_CHARS}. */
    public boolean cut() {
        return isCut(data);
    }

    /** {@code text} cut to {@link #MAX_DATA_CHARS} with the marker and the count left out (already cut: as is). */
    static String bound(String text) {
        if (text.length() <= MAX_DATA_CHARS || isCut(text)) {
            return text;
        }
        return text.substring(0, MAX_DATA_CHARS) + CUT_MARKER + (text.length() - MAX_DATA_CHARS) + CUT_END;
    }

    private static boolean isCut(String text) {
        return text.length() > MAX_DATA_CHARS
                && text.length() <= MAX_DATA_CHARS + MAX_MARKER_CHARS
                && text.startsWith(CUT_MARKER, MAX_DATA_CHARS)
                && text.endsWith(CUT_END);
    }

    private static int jsonSize(SignalMessage m) {
        return utf8Size(dev.meshscope.signaling.message.SignalJson.write(m));
    }
}
