// SPDX-License-Identifier: MIT
package dev.meshscope.bench.meshcore;

import dev.meshscope.core.MeshThread;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.snapshot.MeshSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches a mesh-core peer the way the GUI does, so the benchmark pays what the GUI pays: an event listener
 * that collects every event, a ticker that takes a snapshot and hands it with the collected events to one
 * "FX" thread about 30 times a second (the FX bridge coalesces the same way), where each event is rendered
 * as text, and a wire-stats request for every peer once a second.
 *
 * <p>Threads: {@link #attach} and the tickers run on the peer's owner thread; rendering on {@code fx}.
 */
final class GuiLikeObserver {
    /** The FX bridge publishes at most ~30-60 times a second (DESIGN.md); 33 ms is the 30 Hz end. */
    static final long SNAPSHOT_PERIOD_MILLIS = 33;

    /** How often a GUI would refresh the wire statistics of its peer table. */
    static final long WIRE_STATS_PERIOD_MILLIS = 1000;

    private final WebRtcMultiplayerPeer peer;
    private final Executor fx;
    private final AtomicLong rendered;
    private List<MeshEvent> batch = new ArrayList<>();

    private GuiLikeObserver(WebRtcMultiplayerPeer peer, Executor fx, AtomicLong rendered) {
        this.peer = peer;
        this.fx = fx;
        this.rendered = rendered;
    }

    /**
     * Attaches to {@code peer}. Owner thread of {@code thread}. {@code rendered} counts the characters the FX
     * stand-in rendered (so the rendering cannot be optimised away).
     */
    static void attach(MeshThread thread, WebRtcMultiplayerPeer peer, Executor fx, AtomicLong rendered) {
        GuiLikeObserver o = new GuiLikeObserver(peer, fx, rendered);
        peer.addEventListener(o::collect);
        thread.addTicker(SNAPSHOT_PERIOD_MILLIS, TimeUnit.MILLISECONDS, o::publish);
        thread.addTicker(WIRE_STATS_PERIOD_MILLIS, TimeUnit.MILLISECONDS, o::requestStats);
    }

    private void collect(MeshEvent e) {
        batch.add(e);
    }

    private void publish() {
        MeshSnapshot snapshot = peer.snapshot();
        List<MeshEvent> events = batch;
        batch = new ArrayList<>();
        fx.execute(() -> render(snapshot, events));
    }

    private void render(MeshSnapshot snapshot, List<MeshEvent> events) {
        long chars = snapshot.toString().length();
        for (MeshEvent e : events) {
            chars += e.describe().length();
        }
        rendered.addAndGet(chars);
    }

    private void requestStats() {
        for (int id : peer.getPeers().keySet()) {
            peer.requestWireStats(id);
        }
    }
}
