// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.inspector;

import dev.meshscope.session.SessionState;
import dev.meshscope.session.inspect.ProfileSnapshot;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import org.jspecify.annotations.Nullable;

/**
 * The network profiler, like Godot's editor profiler: RPCs per node (in and out, count and bytes), synchronizer states
 * per synchronizer, and bandwidth in and out per peer over the last minute (one point a second, x = seconds ago).
 * Applies the session's {@link ProfileSnapshot}; FX thread, plain Java (the chart series are data, not nodes).
 */
public final class ProfilerViewModel {
    private final ObservableList<ProfileSnapshot.NodeRow> nodes = FXCollections.observableArrayList();
    private final ObservableList<ProfileSnapshot.SyncRow> syncs = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Series<Number, Number>> bandwidth = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private ProfileSnapshot last = ProfileSnapshot.EMPTY;
    /** The newest aggregate received while hidden (applied when shown), or null. */
    private @Nullable ProfileSnapshot pending;
    /** Whether the profiler is on screen; hidden, it keeps only the newest aggregate. */
    private boolean shown = true;

    /**
     * Applies the profiler aggregate of the newest state (nothing when it did not change). While hidden it only keeps
     * it: rebuilding a minute of bandwidth for every peer each second cost the hidden tab 9 % of the FX thread in a
     * 32-peer flood ({@code bench gui}, JFR).
     */
    public void onState(SessionState s) {
        ProfileSnapshot p = s.inspector().profile();
        if (!shown) {
            pending = p;
            return;
        }
        apply(p);
    }

    /** Shows or hides the profiler (its tab's selection); showing applies what arrived while hidden. */
    public void setShown(boolean shown) {
        this.shown = shown;
        ProfileSnapshot p = pending;
        pending = null;
        if (shown && p != null) {
            apply(p);
        }
    }

    private void apply(ProfileSnapshot p) {
        if (p.equals(last)) {
            return;
        }
        if (!p.nodes().equals(last.nodes())) {
            nodes.setAll(p.nodes());
        }
        if (!p.syncs().equals(last.syncs())) {
            syncs.setAll(p.syncs());
        }
        if (!p.bandwidth().equals(last.bandwidth()) || p.second() != last.second()) {
            rebuildSeries(p);
        }
        last = p;
        long in = 0;
        long out = 0;
        for (ProfileSnapshot.NodeRow r : p.nodes()) {
            in += r.rpcIn();
            out += r.rpcOut();
        }
        summary.set(p.nodes().size() + " node(s): " + in + " RPC(s) in, " + out + " out · "
                + p.syncs().size()
                + " synchronizer(s) · " + p.bandwidth().size() + " peer(s)"
                + (p.overflow() ? " · more rows than the profiler keeps: the rest are in \"(other)\"" : ""));
    }

    private void rebuildSeries(ProfileSnapshot p) {
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        for (ProfileSnapshot.PeerBandwidth b : p.bandwidth()) {
            XYChart.Series<Number, Number> in = new XYChart.Series<>();
            in.setName("peer " + b.peer() + " in");
            XYChart.Series<Number, Number> out = new XYChart.Series<>();
            out.setName("peer " + b.peer() + " out");
            for (ProfileSnapshot.Sample s : b.samples()) {
                long ago = s.second() - p.second();
                in.getData().add(new XYChart.Data<>(ago, s.bytesIn()));
                out.getData().add(new XYChart.Data<>(ago, s.bytesOut()));
            }
            all.add(in);
            all.add(out);
        }
        bandwidth.setAll(all);
    }

    /** One row per RPC target node. */
    public ObservableList<ProfileSnapshot.NodeRow> nodes() {
        return nodes;
    }

    /** One row per synchronizer. */
    public ObservableList<ProfileSnapshot.SyncRow> syncs() {
        return syncs;
    }

    /** Bytes per second, "peer N in" and "peer N out" for each peer. */
    public ObservableList<XYChart.Series<Number, Number>> bandwidth() {
        return bandwidth;
    }

    /** One line: nodes, RPCs, synchronizers, peers. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The aggregate shown now. */
    public ProfileSnapshot current() {
        return last;
    }
}
