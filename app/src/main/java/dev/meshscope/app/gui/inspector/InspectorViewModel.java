// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.inspector;

import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.session.SessionCommands;
import dev.meshscope.session.SessionState;
import dev.meshscope.session.inspect.InspectorUpdate;
import dev.meshscope.session.inspect.PacketKind;
import dev.meshscope.session.inspect.PacketTap;
import dev.meshscope.session.inspect.TappedPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.jspecify.annotations.Nullable;

/**
 * The packet inspector: the newest {@link PacketTap#RING_CAPACITY} packets the session read and sent (older rows are
 * dropped and counted), filters by peer, channel and kind, pause and resume, and the selected packet's hex dump.
 * Rows arrive with each state ({@link InspectorUpdate}: only the new ones). FX thread; plain Java.
 */
public final class InspectorViewModel {
    /** The filter value that lets every row through. */
    public static final String ALL = "all";

    private final SessionCommands commands;
    private final ObservableList<TappedPacket> rows = FXCollections.observableArrayList();
    private final FilteredList<TappedPacket> shown = new FilteredList<>(rows, p -> true);
    private final ObservableList<String> peerChoices = FXCollections.observableArrayList(ALL);
    private final ObservableList<String> channelChoices = FXCollections.observableArrayList(ALL);
    private final ObservableList<String> kindChoices = FXCollections.observableArrayList(ALL);
    private final StringProperty peerFilter = new SimpleStringProperty(this, "peerFilter", ALL);
    private final StringProperty channelFilter = new SimpleStringProperty(this, "channelFilter", ALL);
    private final StringProperty kindFilter = new SimpleStringProperty(this, "kindFilter", ALL);
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused", false);
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(this, "dropped", 0);
    private final ReadOnlyLongWrapper recorded = new ReadOnlyLongWrapper(this, "recorded", 0);
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper(this, "counts", "");
    private final ObjectProperty<@Nullable TappedPacket> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper hex = new ReadOnlyStringWrapper(this, "hex", "");
    private final TreeSet<Integer> peersSeen = new TreeSet<>();
    private final TreeSet<Integer> channelsSeen = new TreeSet<>();
    private long pausedSkips;
    private boolean applyingState;

    /** An inspector whose pause and clear go to {@code commands}. */
    public InspectorViewModel(SessionCommands commands) {
        this.commands = Objects.requireNonNull(commands);
        for (PacketKind k : PacketKind.values()) {
            kindChoices.add(k.label());
        }
        peerFilter.addListener((o, a, b) -> refilter());
        channelFilter.addListener((o, a, b) -> refilter());
        kindFilter.addListener((o, a, b) -> refilter());
        paused.addListener((o, a, b) -> {
            if (!applyingState) {
                commands.setInspectorPaused(b);
            }
            updateCounts();
        });
        selected.addListener((o, a, b) -> hex.set(b == null ? "" : HexDump.of(b.head(), b.size())));
        updateCounts();
    }

    /** Applies the packets and counts of the newest state. */
    public void onState(SessionState s) {
        InspectorUpdate u = s.inspector();
        if (u.recorded() < recorded.get()) {
            forgetRows(); // The tap was reset (a new peer, or Clear): its numbering starts again.
        }
        List<TappedPacket> in = u.packets();
        int overflow = rows.size() + in.size() - PacketTap.RING_CAPACITY;
        long evicted = 0;
        if (overflow > 0) {
            int fromRows = Math.min(overflow, rows.size());
            rows.remove(0, fromRows);
            evicted = overflow;
            in = in.subList(overflow - fromRows, in.size());
        }
        if (!in.isEmpty()) {
            rows.addAll(in);
            boolean newChoice = false;
            for (TappedPacket p : in) {
                newChoice |= peersSeen.add(p.peer());
                newChoice |= channelsSeen.add(p.channel());
            }
            if (newChoice) {
                rebuildChoices();
            }
        }
        dropped.set(dropped.get() + u.dropped() + evicted);
        recorded.set(u.recorded());
        pausedSkips = u.pausedSkips();
        applyingState = true;
        try {
            paused.set(u.paused());
        } finally {
            applyingState = false;
        }
        updateCounts();
    }

    /** Empties the list here and asks the session to reset the tap and the profiler. */
    public void clear() {
        forgetRows();
        commands.clearInspector();
        updateCounts();
    }

    private void forgetRows() {
        rows.clear();
        dropped.set(0);
        recorded.set(0);
        selected.set(null);
    }

    private void rebuildChoices() {
        String peer = peerFilter.get();
        String channel = channelFilter.get();
        List<String> peers = new ArrayList<>();
        peers.add(ALL);
        peersSeen.forEach(p -> peers.add(Integer.toString(p)));
        peerChoices.setAll(peers);
        List<String> channels = new ArrayList<>();
        channels.add(ALL);
        channelsSeen.forEach(c -> channels.add(channelChoice(c)));
        channelChoices.setAll(channels);
        peerFilter.set(peer); // A choice box may clear its value while its items are replaced.
        channelFilter.set(channel);
    }

    /** "0 reliable", "3 extra": the channel filter's words for internal channel {@code c}. */
    public static String channelChoice(int c) {
        return c + " " + WebRtcMultiplayerPeer.channelLabel(c);
    }

    private void refilter() {
        String peer = peerFilter.get();
        String channel = channelFilter.get();
        String kind = kindFilter.get();
        shown.setPredicate(p -> (peer == null || ALL.equals(peer) || peer.equals(Integer.toString(p.peer())))
                && (channel == null || ALL.equals(channel) || channel.equals(channelChoice(p.channel())))
                && (kind == null || ALL.equals(kind) || kind.equals(p.kind().label())));
        updateCounts();
    }

    private void updateCounts() {
        StringBuilder sb = new StringBuilder();
        sb.append(rows.size()).append(" listed");
        if (shown.size() != rows.size()) {
            sb.append(" (").append(shown.size()).append(" shown)");
        }
        sb.append(" · ")
                .append(dropped.get())
                .append(" dropped (oldest first; ")
                .append(PacketTap.RING_CAPACITY)
                .append(" kept)");
        if (paused.get() || pausedSkips > 0) {
            sb.append(" · ").append(pausedSkips).append(" not listed while paused");
        }
        counts.set(sb.toString());
    }

    /** Every row (newest last), at most {@link PacketTap#RING_CAPACITY}. */
    public ObservableList<TappedPacket> rows() {
        return rows;
    }

    /** The rows the filters let through. */
    public FilteredList<TappedPacket> shown() {
        return shown;
    }

    /** Peer filter choices: "all", then every peer seen. */
    public ObservableList<String> peerChoices() {
        return peerChoices;
    }

    /** Channel filter choices: "all", then every channel seen ({@link #channelChoice}). */
    public ObservableList<String> channelChoices() {
        return channelChoices;
    }

    /** Kind filter choices: "all", then every {@link PacketKind} label. */
    public ObservableList<String> kindChoices() {
        return kindChoices;
    }

    public StringProperty peerFilterProperty() {
        return peerFilter;
    }

    public StringProperty channelFilterProperty() {
        return channelFilter;
    }

    public StringProperty kindFilterProperty() {
        return kindFilter;
    }

    /** Whether the session's tap is paused (setting it sends the command). */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** Rows dropped so far: by the tap between hand-offs, and here past the ring's capacity. */
    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    /** Packets the tap recorded since it was last reset: every one is listed or counted as dropped. */
    public ReadOnlyLongProperty recordedProperty() {
        return recorded.getReadOnlyProperty();
    }

    /** "N listed · M dropped ...". */
    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** The packet whose hex dump and tree are shown. */
    public ObjectProperty<@Nullable TappedPacket> selectedProperty() {
        return selected;
    }

    /** The selected packet's hex dump. */
    public ReadOnlyStringProperty hexProperty() {
        return hex.getReadOnlyProperty();
    }
}
