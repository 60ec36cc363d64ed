// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import dev.meshscope.core.MeshThread;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.signaling.session.LobbyNotice;
import dev.meshscope.signaling.session.LobbySession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One peer of a folder lobby for tests: its own owner thread, multiplayer peer, folder transport and lobby
 * session, with every notice and the stop reason recorded. Queries run on the owner thread.
 */
final class FolderPeer implements AutoCloseable {
    /** Fast timings so departures are seen within seconds; still two heartbeats per stale window on a loaded CI box. */
    static final Duration HEARTBEAT = Duration.ofMillis(200);

    static final Duration STALE = Duration.ofMillis(1500);
    static final Duration POLL = Duration.ofMillis(100);

    final int id;
    final MeshThread thread;
    final WebRtcMultiplayerPeer peer = new WebRtcMultiplayerPeer();
    final FolderTransport transport;
    final LobbySession session;
    final ConcurrentLinkedQueue<LobbyNotice> notices = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<dev.meshscope.signaling.timeline.SignalTrace> traces = new ConcurrentLinkedQueue<>();
    volatile String stopped;
    volatile boolean sealed;

    FolderPeer(WebRtcRuntime rt, Path dir, int id, NetworkMode mode, List<TransferMode> channels) {
        this(rt, dir, id, mode, channels, LobbySession.NEGOTIATION_TIMEOUT, LobbySession.STABLE_LINK);
    }

    FolderPeer(
            WebRtcRuntime rt,
            Path dir,
            int id,
            NetworkMode mode,
            List<TransferMode> channels,
            Duration negotiationTimeout,
            Duration stableLink) {
        this.id = id;
        this.thread = new MeshThread("test-peer-" + id, rt);
        this.transport =
                new FolderTransport(FolderOptions.of(dir, id, mode, channels).withTimings(HEARTBEAT, STALE, POLL));
        this.session = new LobbySession(thread, rt, peer, channels, transport);
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
            public void sealed() {
                sealed = true;
            }

            @Override
            public void traced(dev.meshscope.signaling.timeline.SignalTrace t) {
                traces.add(t);
            }
        });
        thread.addPoller(peer::poll);
        session.setTimings(negotiationTimeout, stableLink);
        session.start();
    }

    /** The ids of connected peers (owner thread query). */
    Set<Integer> connected() {
        return query(() -> {
            Set<Integer> out = new TreeSet<>();
            for (Map.Entry<Integer, PeerInfo> e : peer.getPeers().entrySet()) {
                if (e.getValue().connected()) {
                    out.add(e.getKey());
                }
            }
            return out;
        });
    }

    /** The ids in the peer map, connected or not. */
    Set<Integer> known() {
        return query(() -> new TreeSet<>(peer.getPeers().keySet()));
    }

    /** How many notices contain {@code fragment}. */
    long count(String fragment) {
        return new ArrayList<>(notices)
                .stream().filter(n -> n.text().contains(fragment)).count();
    }

    boolean noticed(String fragment) {
        for (LobbyNotice n : new ArrayList<>(notices)) {
            if (n.text().contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    <T> T query(java.util.concurrent.Callable<T> c) {
        try {
            return thread.call(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("owner thread query failed", e);
        }
    }

    @Override
    public void close() {
        session.close();
        try {
            thread.call(() -> {
                        peer.close();
                        return null;
                    })
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        thread.close();
    }
}
