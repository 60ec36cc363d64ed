// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.links;

import dev.meshscope.app.gui.Selection;
import dev.meshscope.app.gui.probe.ChannelOption;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.impair.ImpairDirection;
import dev.meshscope.core.impair.Impairment;
import dev.meshscope.session.LinkImpairment;
import dev.meshscope.session.SessionCommands;
import dev.meshscope.session.SessionControls;
import dev.meshscope.session.SessionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Link controls panel: an impairment for one peer (every channel or one), one or both directions (delay, jitter,
 * loss, bandwidth cap, pause), and the silent threshold (also the probes' late threshold). A bad field is refused
 * with its message and nothing is sent. The impairments in force and the threshold come back in each state. FX
 * thread; plain Java.
 */
public final class LinksViewModel {
    /** "all channels": {@link LinkImpairment#ALL_CHANNELS}, one shared bandwidth cap. */
    public static final ChannelOption ALL = new ChannelOption(LinkImpairment.ALL_CHANNELS, "all channels");

    private final SessionCommands commands;
    private final StringProperty peer = new SimpleStringProperty(this, "peer", "");
    private final ObservableList<ChannelOption> channelOptions = FXCollections.observableArrayList(ALL);
    private final ObjectProperty<ChannelOption> channel = new SimpleObjectProperty<>(this, "channel", ALL);
    private final ObjectProperty<DirectionChoice> direction =
            new SimpleObjectProperty<>(this, "direction", DirectionChoice.OUTBOUND);
    private final StringProperty delay = new SimpleStringProperty(this, "delay", "0");
    private final StringProperty jitter = new SimpleStringProperty(this, "jitter", "0");
    private final StringProperty loss = new SimpleStringProperty(this, "loss", "0");
    private final StringProperty bandwidth = new SimpleStringProperty(this, "bandwidth", "0");
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused", false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final StringProperty silentAfter = new SimpleStringProperty(this, "silentAfter", "");
    private final ReadOnlyStringWrapper silentProblem = new ReadOnlyStringWrapper(this, "silentProblem", "");
    private final ReadOnlyStringWrapper silentNow = new ReadOnlyStringWrapper(this, "silentNow", "");
    private final ObservableList<String> inForce = FXCollections.observableArrayList();
    private List<LinkImpairment> lastImpairments = List.of();
    private List<TransferMode> modes = List.of();
    private long thresholdMillis = -1;

    /** A panel that sends through {@code commands}; selecting a peer in {@code selection} targets it. */
    public LinksViewModel(SessionCommands commands, Selection selection) {
        this.commands = Objects.requireNonNull(commands);
        selection.peerProperty().addListener((o, a, b) -> {
            if (b.intValue() > 0) {
                peer.set(Integer.toString(b.intValue()));
            }
        });
    }

    /**
     * Sets the form's impairment on the chosen peer, channel and direction(s); returns false and leaves the reason in
     * {@link #problemProperty()} (sending nothing) when a field is wrong.
     */
    public boolean apply() {
        int id;
        Impairment i;
        try {
            id = ImpairmentForm.peer(peer.get());
            i = ImpairmentForm.parse(delay.get(), jitter.get(), loss.get(), bandwidth.get(), paused.get());
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return false;
        }
        problem.set("");
        send(id, i);
        return true;
    }

    /** Clears the impairment of the chosen peer, channel and direction(s); false (nothing sent) without a peer. */
    public boolean clear() {
        int id;
        try {
            id = ImpairmentForm.peer(peer.get());
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return false;
        }
        problem.set("");
        send(id, Impairment.NONE);
        return true;
    }

    private void send(int id, Impairment i) {
        ChannelOption c = channel.get() == null ? ALL : channel.get();
        DirectionChoice d = direction.get() == null ? DirectionChoice.OUTBOUND : direction.get();
        for (ImpairDirection dir : d.directions()) {
            commands.setImpairment(new LinkImpairment(id, c.index(), dir, i));
        }
    }

    /**
     * Sends the silent threshold (also the probes' late threshold); false (nothing sent) with the reason in
     * {@link #silentProblemProperty()} when the field is wrong.
     */
    public boolean applySilentAfter() {
        long ms;
        try {
            ms = ImpairmentForm.silentMillis(silentAfter.get());
        } catch (IllegalArgumentException e) {
            silentProblem.set(e.getMessage());
            return false;
        }
        silentProblem.set("");
        commands.setLateThreshold(Duration.ofMillis(ms));
        return true;
    }

    /** Applies the newest state: channel choices, the impairments in force, the threshold in force. */
    public void onState(SessionState s) {
        List<TransferMode> m = s.mesh().channelModes();
        if (!m.equals(modes)) {
            modes = m;
            rebuildChannelOptions();
        }
        SessionControls c = s.controls();
        if (!c.impairments().equals(lastImpairments)) {
            lastImpairments = c.impairments();
            List<String> lines = new ArrayList<>();
            for (LinkImpairment li : lastImpairments) {
                lines.add(li.describe());
            }
            inForce.setAll(lines);
        }
        long ms = c.lateThreshold().toMillis();
        if (ms != thresholdMillis) {
            boolean untouched = silentAfter.get().isEmpty() || silentAfter.get().equals(seconds(thresholdMillis));
            thresholdMillis = ms;
            silentNow.set("now " + seconds(ms) + " s: silent links are marked, and probes unanswered longer count as "
                    + "late");
            if (untouched) {
                silentAfter.set(seconds(ms));
            }
        }
    }

    private static String seconds(long ms) {
        return ms < 0
                ? ""
                : ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }

    private void rebuildChannelOptions() {
        ChannelOption keep = channel.get();
        List<ChannelOption> opts = new ArrayList<>();
        opts.add(ALL);
        for (int i = 0; i < modes.size(); i++) {
            opts.add(new ChannelOption(i, i + " " + WebRtcMultiplayerPeer.channelLabel(i)));
        }
        channelOptions.setAll(opts);
        channel.set(opts.stream()
                .filter(o -> keep != null && o.index() == keep.index())
                .findFirst()
                .orElse(ALL));
    }

    /** The peer to impair (follows the selection). */
    public StringProperty peerProperty() {
        return peer;
    }

    /** "all channels", then each internal channel. */
    public ObservableList<ChannelOption> channelOptions() {
        return channelOptions;
    }

    /** The chosen channel. */
    public ObjectProperty<ChannelOption> channelProperty() {
        return channel;
    }

    /** The chosen direction(s). */
    public ObjectProperty<DirectionChoice> directionProperty() {
        return direction;
    }

    /** Added one-way delay in ms, as typed. */
    public StringProperty delayProperty() {
        return delay;
    }

    /** Jitter in ms, as typed. */
    public StringProperty jitterProperty() {
        return jitter;
    }

    /** Loss in percent, as typed. */
    public StringProperty lossProperty() {
        return loss;
    }

    /** Bandwidth cap in bytes/s (0 = none), as typed. */
    public StringProperty bandwidthProperty() {
        return bandwidth;
    }

    /** Hold everything. */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** Why the impairment was refused, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The silent threshold in seconds, as typed (starts at the session's). */
    public StringProperty silentAfterProperty() {
        return silentAfter;
    }

    /** Why the threshold was refused, or "". */
    public ReadOnlyStringProperty silentProblemProperty() {
        return silentProblem.getReadOnlyProperty();
    }

    /** The threshold in force, in words. */
    public ReadOnlyStringProperty silentNowProperty() {
        return silentNow.getReadOnlyProperty();
    }

    /** Every impairment in force, one line each ({@link LinkImpairment#describe()}). */
    public ObservableList<String> inForce() {
        return inForce;
    }
}
