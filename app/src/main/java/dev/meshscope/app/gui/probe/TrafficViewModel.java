// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.probe;

import dev.meshscope.app.gui.Selection;
import dev.meshscope.app.gui.godot.GodotRpcPayload;
import dev.meshscope.app.gui.links.Departures;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.session.SendRequest;
import dev.meshscope.session.SessionCommands;
import dev.meshscope.session.SessionState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;

/**
 * The Test packets panel and the probe table: target (0 every peer, n one peer, -n all but n), channel,
 * payload (text, hex or N random bytes), count and rate, probe wrapping, echo. The form is checked as it is
 * typed; Send is refused with the reason when something is wrong. FX thread; plain Java.
 */
public final class TrafficViewModel {
    /** Packets per (peer, channel) in one burst at most: 10 million is minutes of saturation. */
    public static final long MAX_COUNT = 10_000_000;
    /** Packets per second per (peer, channel) at most; 0 means "as fast as the buffers take them". */
    public static final double MAX_RATE = 1_000_000;

    private final SessionCommands commands;
    private final StringProperty target = new SimpleStringProperty(this, "target", "0");
    private final ObservableList<ChannelOption> channelOptions = FXCollections.observableArrayList(ChannelOption.ALL);
    private final ObjectProperty<ChannelOption> channel =
            new SimpleObjectProperty<>(this, "channel", ChannelOption.ALL);
    private final ObjectProperty<PayloadKind> payloadKind =
            new SimpleObjectProperty<>(this, "payloadKind", PayloadKind.TEXT);
    private final StringProperty payload = new SimpleStringProperty(this, "payload", "hello mesh");
    private final StringProperty count = new SimpleStringProperty(this, "count", "10");
    private final StringProperty rate = new SimpleStringProperty(this, "rate", "100");
    private final BooleanProperty probe = new SimpleBooleanProperty(this, "probe", true);
    private final BooleanProperty echo = new SimpleBooleanProperty(this, "echo", true);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "idle");
    private final ObservableList<ProbeRow> probeRows = FXCollections.observableArrayList();
    private List<TransferMode> modes = List.of();
    private List<ProbeStats> lastStats = List.of();
    private boolean applyingState;
    private final Departures departures;
    /** The last figures of departed peers' flows, by (peer, channel), kept until departures are cleared. */
    private final Map<Long, ProbeRow> departedRows = new LinkedHashMap<>();

    /** A panel that sends through {@code commands}; selecting a peer in {@code selection} targets it. */
    public TrafficViewModel(SessionCommands commands, Selection selection) {
        this(commands, selection, new Departures());
    }

    /**
     * A panel that sends through {@code commands}; selecting a peer in {@code selection} targets it; the probe results
     * of a peer that left stay (greyed, with when and why) while {@code departures} has it.
     */
    public TrafficViewModel(SessionCommands commands, Selection selection, Departures departures) {
        this.commands = Objects.requireNonNull(commands);
        this.departures = Objects.requireNonNull(departures);
        departures.departed().addListener((MapChangeListener<Integer, Departures.Departure>) ch -> {
            if (ch.wasRemoved() && !ch.wasAdded()) {
                departedRows.values().removeIf(r -> r.peerId() == ch.getKey());
            }
            rebuildProbeRows();
        });
        selection.peerProperty().addListener((o, a, b) -> target.set(Integer.toString(b.intValue())));
        target.addListener((o, a, b) -> validate());
        payloadKind.addListener((o, a, b) -> {
            if (b == PayloadKind.RANDOM && !payload.get().trim().matches("\\d+")) {
                payload.set("64");
            } else if (b == PayloadKind.HEX && a != PayloadKind.HEX) {
                payload.set("de ad be ef");
            } else if (b == PayloadKind.GODOT_RPC && a != PayloadKind.GODOT_RPC) {
                payload.set(GodotRpcPayload.EXAMPLE);
                probe.set(false); // A probe header in front would hide the RPC from the game.
            }
            validate();
        });
        payload.addListener((o, a, b) -> validate());
        probe.addListener((o, a, b) -> validate());
        count.addListener((o, a, b) -> validate());
        rate.addListener((o, a, b) -> validate());
        echo.addListener((o, a, b) -> {
            if (!applyingState) {
                commands.setEcho(b);
            }
        });
        validate();
    }

    /** Checks the form; returns the request when it is valid (and clears the problem), else {@code null}. */
    private SendRequest validate() {
        try {
            SendRequest r = request();
            problem.set("");
            return r;
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return null;
        }
    }

    private SendRequest request() {
        int t;
        try {
            t = Integer.parseInt(target.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Target: 0 for every peer, a peer id for one peer, or -id for every peer " + "but that one; \""
                            + target.get().trim() + "\" is none of these.");
        }
        byte[] bytes;
        try {
            bytes = PayloadParser.parse(payloadKind.get(), payload.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Payload: " + e.getMessage());
        }
        if (payloadKind.get() == PayloadKind.GODOT_RPC && probe.get()) {
            throw new IllegalArgumentException("a Godot RPC is sent as it is: untick \"probe ping\" (a probe header in"
                    + " front would hide the RPC from the game).");
        }
        long n = parseLong(count.get(), "Count", 1, MAX_COUNT);
        double r = parseRate(rate.get());
        ChannelOption c = channel.get() == null ? ChannelOption.ALL : channel.get();
        return new SendRequest(t, c.index(), bytes, n, r, probe.get());
    }

    private static long parseLong(String s, String what, long min, long max) {
        long v;
        try {
            v = Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    what + ": a whole number from " + min + " to " + max + ", not \"" + s.trim() + "\".");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + ": " + v + " is out of range (" + min + " to " + max + ").");
        }
        return v;
    }

    private static double parseRate(String s) {
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Rate: packets per second (0 = as fast as possible), not \"" + s.trim() + "\".");
        }
        if (!(v >= 0 && v <= MAX_RATE)) {
            throw new IllegalArgumentException(
                    "Rate: " + s.trim() + " is out of range (0 to " + (long) MAX_RATE + ").");
        }
        return v;
    }

    /** Sends the burst; returns false and leaves the reason in {@link #problemProperty()} when the form is wrong. */
    public boolean send() {
        SendRequest r = validate();
        if (r == null) {
            return false;
        }
        if (payloadKind.get() == PayloadKind.GODOT_RPC) {
            GodotRpcPayload.Call c = GodotRpcPayload.parse(payload.get());
            if (!c.methodNames().isEmpty()) {
                commands.nameRpcMethods(c.path(), c.methodNames()); // The inspector then shows the names too.
            }
        }
        commands.send(r);
        return true;
    }

    /** Stops the running burst. */
    public void stop() {
        commands.stopSending();
    }

    /** Forgets every probe result, departed peers' too. */
    public void clearProbes() {
        if (!departedRows.isEmpty()) {
            departedRows.clear();
            rebuildProbeRows();
        }
        commands.clearProbes();
    }

    /** Applies the newest state: channel choices, probe rows, progress, echo. */
    public void onState(SessionState s) {
        List<TransferMode> m = s.mesh().channelModes();
        if (!m.equals(modes)) {
            modes = m;
            rebuildChannelOptions();
        }
        if (!s.probes().equals(lastStats)) {
            keepDeparted(s);
            lastStats = s.probes();
            rebuildProbeRows();
        }
        progress.set(s.traffic().describe());
        applyingState = true;
        try {
            echo.set(s.echo());
        } finally {
            applyingState = false;
        }
    }

    /**
     * Keeps the last figures of the flows that left the session's probe results because their peer left (the session
     * forgets a departed peer's probes); flows dropped by Clear are not kept.
     */
    private void keepDeparted(SessionState s) {
        Set<Long> now = new HashSet<>();
        for (ProbeStats p : s.probes()) {
            now.add(key(p));
            departedRows.remove(key(p)); // Back (the peer rejoined): the live flow replaces the kept one.
        }
        for (ProbeStats p : lastStats) {
            Departures.Departure d = departures.get(p.peerId());
            if (!now.contains(key(p)) && d != null) {
                departedRows.put(key(p), new ProbeRow(WebRtcMultiplayerPeer.channelLabel(p.channel()), p, d));
            }
        }
    }

    private static long key(ProbeStats p) {
        return ((long) p.peerId() << 32) | (p.channel() & 0xFFFFFFFFL);
    }

    private void rebuildProbeRows() {
        List<ProbeRow> rows = new ArrayList<>(lastStats.size() + departedRows.size());
        for (ProbeStats p : lastStats) {
            // A flow whose peer just left stays live in the session's figures until their next refresh.
            rows.add(new ProbeRow(WebRtcMultiplayerPeer.channelLabel(p.channel()), p, departures.get(p.peerId())));
        }
        rows.addAll(departedRows.values());
        probeRows.setAll(rows);
    }

    private void rebuildChannelOptions() {
        ChannelOption keep = channel.get();
        List<ChannelOption> opts = new ArrayList<>();
        opts.add(ChannelOption.ALL);
        for (int i = 0; i < modes.size(); i++) {
            String label = WebRtcMultiplayerPeer.channelLabel(i);
            String text = i < WebRtcMultiplayerPeer.CH_RESERVED_MAX
                    ? i + " " + label
                    : i + " extra channel " + (i - WebRtcMultiplayerPeer.CH_RESERVED_MAX + 1) + " (" + modes.get(i)
                            + ")";
            opts.add(new ChannelOption(i, text));
        }
        channelOptions.setAll(opts);
        channel.set(opts.stream()
                .filter(o -> keep != null && o.index() == keep.index())
                .findFirst()
                .orElse(ChannelOption.ALL));
    }

    /** Target: 0 every peer, n one peer, -n every peer but n. */
    public StringProperty targetProperty() {
        return target;
    }

    /** The channel choices (every channel, then each internal channel). */
    public ObservableList<ChannelOption> channelOptions() {
        return channelOptions;
    }

    /** The chosen channel. */
    public ObjectProperty<ChannelOption> channelProperty() {
        return channel;
    }

    /** How the payload field is read. */
    public ObjectProperty<PayloadKind> payloadKindProperty() {
        return payloadKind;
    }

    /** The payload field. */
    public StringProperty payloadProperty() {
        return payload;
    }

    /** Packets per (peer, channel). */
    public StringProperty countProperty() {
        return count;
    }

    /** Packets per second per (peer, channel); 0 = as fast as possible. */
    public StringProperty rateProperty() {
        return rate;
    }

    /** Wrap payloads in probe pings (round trip measured) instead of sending them raw. */
    public BooleanProperty probeProperty() {
        return probe;
    }

    /** Answer probe pings (setting it sends the command). */
    public BooleanProperty echoProperty() {
        return echo;
    }

    /** What is wrong with the form, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The burst's progress in words. */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Probe results per (peer, channel). */
    public ObservableList<ProbeRow> probeRows() {
        return probeRows;
    }
}
