// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.websocket;

import dev.meshscope.core.MeshThread;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.signaling.session.LobbyNotice;
import dev.meshscope.signaling.session.LobbySession;
import dev.meshscope.signaling.timeline.SignalTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One peer of a WebSocket lobby for tests: its own owner thread, multiplayer peer, WebSocket transport and lobby
 * session, recording every notice, trace, roster change, the lobby name and the stop reason.
 */
final class LobbyPeer implements AutoCloseable {
    final MeshThread thread;
    final WebRtcMultiplayerPeer peer = new WebRtcMultiplayerPeer();
    final WebSocketTransport transport;
    final LobbySession session;
    final ConcurrentLinkedQueue<LobbyNotice> notices = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<SignalTrace> traces = new ConcurrentLinkedQueue<>();
    volatile String lobbyName;
    volatile String stopped;
    volatile int ownId;
    volatile SortedSet<Integer> roster = new TreeSet<>();

    LobbyPeer(WebRtcRuntime rt, WebSocketOptions options) {
        thread = new MeshThread("ws-peer", rt);
        transport = new WebSocketTransport(options);
        session = new LobbySession(thread, rt, peer, List.of(), transport);
        session.addListener(new LobbySession.Listener() {
            @Override
            public void notice(LobbyNotice n) {
                notices.add(n);
            }

            @Override
            public void stopped(String reason) {
                stopped = reason;
            }

            @Override
            public void traced(SignalTrace t) {
                traces.add(t);
            }

            @Override
            public void lobbyNamed(String name) {
                lobbyName = name;
            }

            @Override
            public void rosterChanged(int id, SortedSet<Integer> lobbyPeers) {
                ownId = id;
                roster = lobbyPeers;
            }
        });
        thread.addPoller(peer::poll);
        session.start();
    }

    boolean noticed(String fragment) {
        return notices.stream().anyMatch(n -> n.text().contains(fragment));
    }

    List<String> noticeTexts() {
        List<String> out = new ArrayList<>();
        notices.forEach(n -> out.add(n.text()));
        return out;
    }

    List<SignalTrace> traces() {
        return new ArrayList<>(traces);
    }

    <T> T query(Callable<T> c) {
        try {
            return thread.call(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("owner thread query failed", e);
        }
    }

    @Override
    public void close() {
        session.close();
        query(() -> {
            peer.close();
            return null;
        });
        thread.close();
    }
}
