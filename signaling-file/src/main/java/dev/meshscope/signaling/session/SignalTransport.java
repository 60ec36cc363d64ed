// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import dev.meshscope.signaling.message.SignalMessage;
import dev.meshscope.signaling.timeline.SignalTrace;

/**
 * A way to exchange Godot demo signaling messages with a lobby: a shared folder
 * ({@code FolderTransport}) or a WebSocket to a demo-compatible server ({@code WebSocketTransport}). It plays the server's part of the demo protocol towards its {@link Sink}: it first delivers
 * {@code ID(ownId, "true"|"")}, then {@code PEER_CONNECT}/{@code PEER_DISCONNECT} as peers come and go,
 * relayed {@code OFFER}/{@code ANSWER}/{@code CANDIDATE} with {@code id} set to the sender, and {@code SEAL}.
 *
 * <p>Threads: the transport does its I/O on its own thread(s) and calls the sink from there, one call at a
 * time, in order. {@link #send} may be called from any thread and never blocks on I/O.
 */
public interface SignalTransport extends AutoCloseable {

    /** Where a transport delivers what it receives; called on the transport's thread, one call at a time. */
    interface Sink {
        /** A message from the lobby (relayed messages carry the sender's id). */
        void received(SignalMessage message);

        /** Something worth telling the operator. */
        void notice(LobbyNotice notice);

        /** The transport stopped for good (duplicate id, sealed lobby, unusable folder, closed). */
        void closed(String reason);

        /**
         * A frame, file or message the transport refused before it became a message for {@link #received} (bad
         * JSON, a binary frame, too large, a misnamed file...), or one the transport sent on its own (the WebSocket
         * JOIN): the session never sees those, so the transport traces them for the signaling timeline. Messages
         * that reach {@link #received} or come from {@link SignalTransport#send} are traced by the session, never
         * here. Called on the transport's thread, like the other methods; the default ignores it.
         */
        default void traced(SignalTrace trace) {}
    }

    /**
     * The signaling path this transport is, as the timeline names it ({@link SignalTrace#WEBSOCKET},
     * {@link SignalTrace#FOLDER}); the default, for other transports (a test's scripted one), is the class's simple
     * name. Any thread; constant.
     */
    default String path() {
        return getClass().getSimpleName();
    }

    /** Starts the transport; {@code sink} gets everything from now on. Call once. */
    void start(Sink sink);

    /**
     * Queues a message for the lobby: for OFFER/ANSWER/CANDIDATE {@code id} is the destination; SEAL is sent
     * by the host (peer 1) only. Any thread; never blocks on I/O.
     */
    void send(SignalMessage message);

    /** Stops the transport and tells the lobby this peer left. Idempotent; any thread. */
    @Override
    void close();
}
