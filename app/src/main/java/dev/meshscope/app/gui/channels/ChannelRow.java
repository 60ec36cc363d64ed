// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.channels;

import dev.meshscope.app.gui.links.Departures;
import dev.meshscope.app.gui.links.Liveness;
import dev.meshscope.core.ChannelState;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.snapshot.ChannelSnapshot;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One row of the channel table: one (peer, channel). The row object lives as long as the channel, and its
 * properties change in place, so a live table only repaints the cells whose value changed. FX thread.
 */
public final class ChannelRow {
    private final int peerId;
    private final int index;
    private final String label;
    private final int negotiatedId;
    private final boolean ordered;
    private final String reliability;
    private final ObjectProperty<ChannelState> state = new SimpleObjectProperty<>(this, "state");
    private final LongProperty buffered = new SimpleLongProperty(this, "buffered");
    private final LongProperty msgsOut = new SimpleLongProperty(this, "msgsOut");
    private final LongProperty bytesOut = new SimpleLongProperty(this, "bytesOut");
    private final LongProperty msgsIn = new SimpleLongProperty(this, "msgsIn");
    private final LongProperty bytesIn = new SimpleLongProperty(this, "bytesIn");
    private final DoubleProperty msgRateOut = new SimpleDoubleProperty(this, "msgRateOut");
    private final DoubleProperty msgRateIn = new SimpleDoubleProperty(this, "msgRateIn");
    private final DoubleProperty byteRateOut = new SimpleDoubleProperty(this, "byteRateOut");
    private final DoubleProperty byteRateIn = new SimpleDoubleProperty(this, "byteRateIn");
    private final LongProperty drops = new SimpleLongProperty(this, "drops");
    private final StringProperty lastIn = new SimpleStringProperty(this, "lastIn", "never");
    private final BooleanProperty silent = new SimpleBooleanProperty(this, "silent", false);
    private final ObjectProperty<Departures.Departure> departed = new SimpleObjectProperty<>(this, "departed");
    /** Wall clock of the last arrival from the wire, 0 when nothing arrived. */
    private long lastReceivedAtMillis;
    /**
     * Rates are averaged over at least this long: snapshots come every 100 ms, so a per-snapshot rate would show
     * a flow of 2 messages/s as 0 or 10 by turns.
     */
    static final long RATE_WINDOW_NANOS = 1_000_000_000L;

    /** Recent samples {atNanos, msgsOut, bytesOut, msgsIn, bytesIn}, oldest first, spanning one rate window. */
    private final java.util.ArrayDeque<long[]> samples = new java.util.ArrayDeque<>();

    ChannelRow(int peerId, ChannelSnapshot c) {
        this.peerId = peerId;
        this.index = c.index();
        this.label = c.label();
        this.negotiatedId = c.streamId();
        this.ordered = c.ordered();
        // Godot's reliable channels never carry a limit (and the native getter reads an unset lifetime as 0).
        this.reliability = c.mode() == TransferMode.RELIABLE
                ? "reliable"
                : c.maxPacketLifeTime() >= 0
                        ? "lifetime " + c.maxPacketLifeTime() + " ms"
                        : c.maxRetransmits() >= 0 ? c.maxRetransmits() + " retransmits" : "reliable";
    }

    /**
     * Applies a newer snapshot of this channel taken at {@code atNanos}; rates come from the counter deltas since
     * the oldest sample of the last {@link #RATE_WINDOW_NANOS} (or since the first sample, while younger). FX thread.
     */
    void update(ChannelSnapshot c, long atNanos) {
        long[] newest = samples.peekLast();
        if (newest != null && atNanos <= newest[0]) {
            return; // An older or repeated snapshot: nothing new to count.
        }
        samples.addLast(new long[] {atNanos, c.messagesSent(), c.bytesSent(), c.messagesReceived(), c.bytesReceived()});
        while (samples.size() > 2) {
            java.util.Iterator<long[]> it = samples.iterator();
            it.next();
            long[] second = it.next();
            if (atNanos - second[0] < RATE_WINDOW_NANOS) {
                break; // Dropping the oldest would leave less than a window.
            }
            samples.removeFirst();
        }
        long[] oldest = samples.peekFirst();
        if (oldest != null && oldest[0] < atNanos) {
            double secs = (atNanos - oldest[0]) / 1e9;
            msgRateOut.set(rate(c.messagesSent(), oldest[1], secs));
            byteRateOut.set(rate(c.bytesSent(), oldest[2], secs));
            msgRateIn.set(rate(c.messagesReceived(), oldest[3], secs));
            byteRateIn.set(rate(c.bytesReceived(), oldest[4], secs));
        }
        state.set(c.state());
        buffered.set(c.bufferedAmount());
        msgsOut.set(c.messagesSent());
        bytesOut.set(c.bytesSent());
        msgsIn.set(c.messagesReceived());
        bytesIn.set(c.bytesReceived());
        drops.set(c.sendDrops() + c.receiveDrops());
        lastReceivedAtMillis = c.lastReceivedAtMillis();
    }

    /**
     * Refreshes "last packet received N s ago" at {@code nowMillis}, and the silent marker: the open channel of a
     * silent link ({@code linkSilent}, see {@code LinkSilence}). FX thread.
     */
    void updateLiveness(long nowMillis, boolean linkSilent) {
        if (departed.get() != null) {
            return;
        }
        boolean s = state.get() == ChannelState.OPEN && linkSilent;
        silent.set(s);
        lastIn.set(
                s && lastReceivedAtMillis > 0
                        ? Liveness.silentText(lastReceivedAtMillis, nowMillis)
                        : Liveness.ago(lastReceivedAtMillis, nowMillis));
    }

    /** Marks the row's peer gone: the row keeps its last figures, greyed, with when and why. FX thread. */
    void depart(Departures.Departure d) {
        departed.set(d);
        silent.set(false);
        lastIn.set(d.describe());
    }

    private static double rate(long now, long before, double secs) {
        return now < before ? 0 : (now - before) / secs;
    }

    /** The remote peer id. */
    public int peerId() {
        return peerId;
    }

    /** The internal channel index (0 reliable, 1 ordered, 2 unreliable, 3.. extras). */
    public int index() {
        return index;
    }

    /** The channel label. */
    public String label() {
        return label;
    }

    /** The negotiated SCTP stream id. */
    public int negotiatedId() {
        return negotiatedId;
    }

    /** Whether delivery is ordered. */
    public boolean ordered() {
        return ordered;
    }

    /** "reliable", "lifetime N ms" or "N retransmits". */
    public String reliability() {
        return reliability;
    }

    /** Ready state. */
    public ObjectProperty<ChannelState> stateProperty() {
        return state;
    }

    /** Bytes queued for sending. */
    public LongProperty bufferedProperty() {
        return buffered;
    }

    /** Messages sent. */
    public LongProperty msgsOutProperty() {
        return msgsOut;
    }

    /** Payload bytes sent. */
    public LongProperty bytesOutProperty() {
        return bytesOut;
    }

    /** Messages received. */
    public LongProperty msgsInProperty() {
        return msgsIn;
    }

    /** Payload bytes received. */
    public LongProperty bytesInProperty() {
        return bytesIn;
    }

    /** Messages sent per second over the last state interval. */
    public DoubleProperty msgRateOutProperty() {
        return msgRateOut;
    }

    /** Messages received per second. */
    public DoubleProperty msgRateInProperty() {
        return msgRateIn;
    }

    /** Payload bytes sent per second. */
    public DoubleProperty byteRateOutProperty() {
        return byteRateOut;
    }

    /** Payload bytes received per second. */
    public DoubleProperty byteRateInProperty() {
        return byteRateIn;
    }

    /** "0.4 s ago", "never", "silent 7 s", or when and why the peer left. */
    public StringProperty lastInProperty() {
        return lastIn;
    }

    /** Whether the open channel received nothing for longer than the silent threshold. */
    public BooleanProperty silentProperty() {
        return silent;
    }

    /** When and why the row's peer left, or null while it is in {@code get_peers()}. */
    public ObjectProperty<Departures.Departure> departedProperty() {
        return departed;
    }

    /** Packets dropped both ways (refused before the wire, or dropped on arrival). */
    public LongProperty dropsProperty() {
        return drops;
    }
}
