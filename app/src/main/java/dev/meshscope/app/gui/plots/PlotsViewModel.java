// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.plots;

import dev.meshscope.app.gui.Format;
import dev.meshscope.app.gui.Selection;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.SessionState;
import dev.meshscope.session.history.PeerHistory;
import dev.meshscope.session.history.SessionHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Plots tab's model: the session's {@link SessionHistory} (fed with every state, event and action the window
 * receives), the chosen peer, channel and plot, pause, and the {@link Plot} to draw, rebuilt once per new sample
 * (once a second) and on every change of choice. Paused, the plot stays as it was at the moment of the pause (a
 * different choice shows the history up to that moment) while the history goes on sampling. The peer follows the
 * window's selection. FX thread; plain Java (no nodes).
 */
public final class PlotsViewModel {
    private final SessionHistory history;
    private final ObservableList<PeerOption> peers = FXCollections.observableArrayList();
    private final ObservableList<ChannelChoice> channels = FXCollections.observableArrayList(ChannelChoice.ALL);
    private final ObjectProperty<PeerOption> peer = new SimpleObjectProperty<>(this, "peer");
    private final ObjectProperty<ChannelChoice> channel =
            new SimpleObjectProperty<>(this, "channel", ChannelChoice.ALL);
    private final ObjectProperty<PlotKind> kind = new SimpleObjectProperty<>(this, "kind", PlotKind.RTT);
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final ReadOnlyObjectWrapper<Plot> plot =
            new ReadOnlyObjectWrapper<>(this, "plot", Plot.empty(PlotKind.RTT));
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    /** History time of the pause (samples after it are not drawn), or {@link Integer#MAX_VALUE} when live. */
    private int pausedAtMs = Integer.MAX_VALUE;
    /**
     * History time of the moment a replay shows (samples and markers after it are not drawn, as the replay's other
     * views do not show them yet), or {@link Integer#MAX_VALUE} in the live window.
     */
    private int shownUntilMs = Integer.MAX_VALUE;
    /** Whether the chooser lists are being rebuilt (their selection changes are not the operator's). */
    private boolean rebuilding;

    private long maxSampleNanos;
    private long totalSampleNanos;

    /** A model over a new history, following {@code selection}. */
    public PlotsViewModel(Selection selection) {
        this(selection, new SessionHistory());
    }

    /** A model over {@code history} (tests give a small one), following {@code selection}. */
    public PlotsViewModel(Selection selection, SessionHistory history) {
        this.history = Objects.requireNonNull(history, "history");
        selection.peerProperty().addListener((o, a, b) -> choosePeer(b.intValue()));
        peer.addListener((o, a, b) -> {
            if (!rebuilding) {
                refreshChannels();
                rebuild();
            }
        });
        channel.addListener((o, a, b) -> {
            if (!rebuilding) {
                rebuild();
            }
        });
        kind.addListener((o, a, b) -> rebuild());
        paused.addListener((o, a, b) -> {
            pausedAtMs = b ? latestSampleMs() : Integer.MAX_VALUE;
            rebuild();
        });
    }

    // ---------------------------------------------------------------- fed by the window

    /** A state arrived; when it makes a new sample, the choosers and (unless paused) the plot are refreshed. */
    public void onState(SessionState s) {
        long t0 = System.nanoTime();
        if (history.onState(s)) {
            refreshPeers();
            refreshChannels();
            if (!paused.get()) {
                rebuild();
            }
            status.set(statusText());
            long took = System.nanoTime() - t0;
            maxSampleNanos = Math.max(maxSampleNanos, took);
            totalSampleNanos += took;
        }
    }

    /**
     * The longest time one sample took on the FX thread: sampling every series, rebuilding the plot and handing it to
     * the chart's data sets (the chart draws in the next pulse's layout). For {@code bench gui --plots}.
     */
    public long maxSampleNanos() {
        return maxSampleNanos;
    }

    /** The FX-thread time of every sample so far, added up (see {@link #maxSampleNanos()}). */
    public long totalSampleNanos() {
        return totalSampleNanos;
    }

    /** An event arrived (wire statistics and markers). */
    public void onEvent(MeshEvent e) {
        history.onEvent(e);
    }

    /** An operator action arrived (failures are marked). */
    public void onAction(OperatorAction a) {
        history.onAction(a);
    }

    /**
     * Shows the history only up to the wall clock {@code atMillis} (a replay's moment, on the record's clock): the
     * replay window calls it on every move of its slider, back or forth. The choosers list the peers and channels of
     * the whole history (so a choice survives a move back); the status says how much of it is shown.
     */
    public void showUntil(long atMillis) {
        long ms = atMillis - history.originMillis();
        shownUntilMs = (int) Math.max(-1, Math.min(Integer.MAX_VALUE - 1, ms));
        refreshPeers();
        refreshChannels();
        rebuild();
        status.set(statusText());
    }

    // ---------------------------------------------------------------- commands

    /** Shows {@code peerId}'s series when it has any. */
    public void choosePeer(int peerId) {
        for (PeerOption o : peers) {
            if (o.peerId() == peerId) {
                peer.set(o);
                return;
            }
        }
    }

    /** Forgets every series and marker (departed peers disappear; present ones start again). */
    public void clear() {
        history.clear();
        peers.clear();
        peer.set(null);
        rebuild();
        status.set(statusText());
    }

    /**
     * Writes the plot's points with {@code fromX <= x <= toX} (the visible time range, epoch seconds) to {@code file}
     * as CSV ({@link PlotCsv}). Returns the rows written.
     */
    public int exportCsv(Path file, double fromX, double toX) throws IOException {
        return PlotCsv.write(plot.get(), fromX, toX, file);
    }

    // ---------------------------------------------------------------- internals

    private int latestSampleMs() {
        int latest = 0;
        for (PeerHistory h : history.peers()) {
            for (int i = h.wire().size() - 1; i >= 0; i--) {
                int t = h.wire().timeMs(i);
                if (t <= shownUntilMs) {
                    latest = Math.max(latest, t);
                    break;
                }
            }
        }
        return latest;
    }

    /** Distinct sample times at or before {@code untilMs} over every peer's wire ring (every sample has one). */
    private int samplesUntil(int untilMs) {
        java.util.Set<Integer> times = new java.util.HashSet<>();
        for (PeerHistory h : history.peers()) {
            for (int i = 0; i < h.wire().size() && h.wire().timeMs(i) <= untilMs; i++) {
                times.add(h.wire().timeMs(i));
            }
        }
        return times.size();
    }

    private void refreshPeers() {
        List<PeerOption> now = new ArrayList<>();
        for (PeerHistory h : history.peers()) {
            // In a replay, a peer that leaves after the moment shown has not left yet.
            boolean left = !h.present()
                    && (shownUntilMs == Integer.MAX_VALUE
                            || h.departedAtMillis() <= history.originMillis() + shownUntilMs);
            now.add(new PeerOption(
                    h.peerId(),
                    left
                            ? "peer " + h.peerId() + " (left " + Format.time(h.departedAtMillis()) + ")"
                            : "peer " + h.peerId()));
        }
        if (now.equals(peers)) {
            return;
        }
        PeerOption chosen = peer.get();
        rebuilding = true;
        try {
            peers.setAll(now);
            PeerOption keep = null;
            for (PeerOption o : now) {
                if (chosen != null && o.peerId() == chosen.peerId()) {
                    keep = o;
                }
            }
            peer.set(keep != null ? keep : now.isEmpty() ? null : now.get(0));
        } finally {
            rebuilding = false;
        }
    }

    private void refreshChannels() {
        PeerOption p = peer.get();
        PeerHistory h = p == null ? null : history.peerHistory(p.peerId());
        List<ChannelChoice> now = new ArrayList<>();
        now.add(ChannelChoice.ALL);
        if (h != null) {
            for (int c : h.channelIndices()) {
                now.add(new ChannelChoice(c, "ch " + c + " " + WebRtcMultiplayerPeer.channelLabel(c)));
            }
        }
        if (now.equals(channels)) {
            return;
        }
        ChannelChoice chosen = channel.get();
        rebuilding = true;
        try {
            channels.setAll(now);
            channel.set(now.contains(chosen) ? chosen : ChannelChoice.ALL);
        } finally {
            rebuilding = false;
        }
    }

    private void rebuild() {
        PeerOption p = peer.get();
        ChannelChoice c = channel.get();
        plot.set(PlotData.build(
                history,
                kind.get(),
                p == null ? 0 : p.peerId(),
                c == null ? PlotData.ALL_CHANNELS : c.index(),
                Math.min(pausedAtMs, shownUntilMs)));
    }

    private String statusText() {
        if (shownUntilMs != Integer.MAX_VALUE && history.samples() == 0) {
            return "no samples to plot: the record has no stats lines (its recorder sampled nothing)"
                    + (history.markers().isEmpty()
                            ? ""
                            : "; " + history.markers().size() + " event(s) kept");
        }
        if (shownUntilMs != Integer.MAX_VALUE) {
            return history.peers().size() + " peer(s), " + samplesUntil(shownUntilMs)
                    + " sample(s) with peers up to the moment shown, of " + history.samples() + " in the record, 1/s"
                    + (paused.get() ? " · paused" : "");
        }
        return history.peers().size() + " peer(s), " + history.samples() + " sample(s), 1/s, last "
                + history.capacity() / 60 + " min kept, " + Format.bytes(history.bytes())
                + (paused.get() ? " · paused" : "");
    }

    // ---------------------------------------------------------------- properties

    /** The peers with series (departed ones too). */
    public ObservableList<PeerOption> peers() {
        return peers;
    }

    /** The chosen peer's channels, after "every channel". */
    public ObservableList<ChannelChoice> channels() {
        return channels;
    }

    /** The chosen peer (null before any). */
    public ObjectProperty<PeerOption> peerProperty() {
        return peer;
    }

    /** The chosen channel. */
    public ObjectProperty<ChannelChoice> channelProperty() {
        return channel;
    }

    /** The chosen plot. */
    public ObjectProperty<PlotKind> kindProperty() {
        return kind;
    }

    /** Whether the plot is frozen (the history keeps sampling). */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** What to draw. */
    public ReadOnlyObjectProperty<Plot> plotProperty() {
        return plot.getReadOnlyProperty();
    }

    /** One line: peers, samples, what is kept and its memory. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The history (read it on the FX thread). */
    public SessionHistory history() {
        return history;
    }
}
