// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.core.GodotError;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WriteMode;
import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.core.probe.ProbeTracker;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading every received packet and echoing it, once for every front end (the window's session and the agent).
 * With echo on, every packet goes back to its sender on the channel it came in on and in the form it came in
 * (text stays text): a probe ping as its pong, anything else as itself. Never echoed, so two echoing peers cannot
 * loop: pongs and probe data (counted by the {@link ProbeTracker}), and a raw packet identical to one this peer
 * itself sent to that peer on that channel (its own traffic reflected by an echoing peer). Echo on also answers
 * pings in mesh-core's receive callback ({@code setAnswerProbesOnArrival}), so a probe's round trip is the
 * network's.
 *
 * <p>Threads: the multiplayer peer's owner thread only.
 */
public final class Echo {
    /**
     * Raw packets remembered as this peer's own (per peer and channel, by content): a burst repeats one payload,
     * so a few hundred distinct entries cover every burst an operator runs while the memory stays a few KiB.
     */
    static final int OWN_PACKETS_REMEMBERED = 512;
    /**
     * Echo back-pressure: an echo waits while this much is queued in its channel (the bench's throughput high water;
     * far below mesh-core's 8 MiB refusal, where every refusal would also be logged as a failure).
     */
    public static final long ECHO_HIGH_WATER_BYTES = 1024 * 1024;

    /** Sees every packet before echo does, and every echo sent (counters, replies to a front end's own sends). */
    public interface Tap {
        /** Returns true when {@code data} was taken (a reply the front end counted): it is then not echoed. */
        default boolean received(int from, int channel, byte[] data, boolean text, long arrivedNanos) {
            return false;
        }

        /** An echo to {@code to} on {@code channel} was sent ({@code ok}) or refused. */
        default void echoed(int to, int channel, boolean ok) {}

        /** An echo was sent: its bytes ({@code text}: as a text message), read during the call only. */
        default void echoSent(int to, int channel, byte[] data, boolean text) {}

        /** The host relay sent {@code data} (a forwarded RELAY, ADD_PEER or DEL_PEER); read during the call only. */
        default void relaySent(int to, int channel, byte[] data) {}
    }

    /** An echo waiting for its channel's send queue to drain. */
    private record Held(int peer, int channel, WriteMode form, byte[] data) {}

    private record Own(int peer, int channel, int length, int hash) {
        static Own of(int peer, int channel, byte[] data) {
            return new Own(peer, channel, data.length, Arrays.hashCode(data));
        }
    }

    private final ProbeTracker tracker;
    private final Map<Own, Boolean> own = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Own, Boolean> eldest) {
            return size() > OWN_PACKETS_REMEMBERED;
        }
    };
    private Tap tap = new Tap() {};
    private @org.jspecify.annotations.Nullable GodotHostRelay relay;
    private Held held;
    private boolean on;
    private long received;
    private long echoed;

    /** Echo off; probe pongs and data go to {@code tracker}. */
    public Echo(ProbeTracker tracker) {
        this.tracker = tracker;
    }

    /** Sets the tap that sees every packet first and every echo sent. Before the first drain. */
    public void setTap(Tap t) {
        tap = java.util.Objects.requireNonNull(t, "tap");
    }

    /**
     * Lets {@code r} take SceneMultiplayer relay packets after the tap has seen them (a relayed packet is forwarded,
     * not echoed), and remembers what the relay sends as this peer's own, so an echoing remote's reflection of it
     * is not echoed back. Before the first drain.
     */
    public void setRelay(GodotHostRelay r) {
        relay = r;
        r.setSentObserver((to, channel, data) -> {
            sent(to, channel, data);
            tap.relaySent(to, channel, data);
        });
    }

    /** Turns echo on or off for {@code peer} (also answering pings on arrival). */
    public void setOn(WebRtcMultiplayerPeer peer, boolean echo) {
        on = echo;
        peer.setAnswerProbesOnArrival(echo);
    }

    /** Whether echo is on. */
    public boolean isOn() {
        return on;
    }

    /** Notes a raw packet this peer sends itself, so it is not echoed when an echoing peer reflects it. */
    public void sent(int peerId, int channel, byte[] data) {
        own.put(Own.of(peerId, channel, data), Boolean.TRUE);
    }

    /**
     * Reads up to {@code max} available packets of {@code peer} (after its {@code poll()}), counts probes and
     * echoes as described above. While an echo waits for its channel's send queue to drain ({@link #isHolding()}),
     * nothing more is read: packets wait in mesh-core's bounded receive queue, as they would for a Godot game that
     * stops calling {@code get_packet}. Returns how many were read.
     */
    public int drain(WebRtcMultiplayerPeer peer, int max) {
        if (held != null) {
            if (!send(peer, held.peer(), held.channel(), held.form(), held.data())) {
                return 0;
            }
            held = null;
        }
        int reads = 0;
        while (reads < max && peer.getAvailablePacketCount() > 0) {
            int from = peer.getPacketPeer();
            int channel = peer.getPacketChannelIndex();
            byte[] data = peer.getPacket();
            reads++;
            if (peer.getPacketError() != GodotError.OK) {
                continue;
            }
            received++;
            boolean text = peer.wasStringPacket();
            long arrived = peer.getLastPacketArrivalNanos();
            if (tap.received(from, channel, data, text, arrived)
                    || relay != null && relay.onPacket(from, channel, data) != GodotHostRelay.Verdict.NOT_RELAY
                    || tracker.onReceived(from, channel, data, arrived)
                    || !on) {
                continue;
            }
            boolean probe = ProbePacket.looksLikeProbe(data);
            byte[] pong = probe ? ProbePacket.pongFor(data) : null;
            if (probe && pong == null || !probe && own.containsKey(Own.of(from, channel, data))) {
                continue;
            }
            WriteMode form = text ? WriteMode.TEXT : WriteMode.BINARY;
            byte[] answer = pong != null ? pong : data;
            if (!send(peer, from, channel, form, answer)) {
                held = new Held(from, channel, form, answer);
                break;
            }
        }
        return reads;
    }

    /** True while an echo waits for its channel's send queue to drain: drain again soon. */
    public boolean isHolding() {
        return held != null;
    }

    /**
     * Sends one echo, unless its channel's send queue is above {@link #ECHO_HIGH_WATER_BYTES}: false then (try again
     * later). A refusal for any other reason (peer gone, channel closed) is counted and the echo dropped.
     */
    private boolean send(WebRtcMultiplayerPeer peer, int to, int channel, WriteMode form, byte[] answer) {
        PeerInfo info = peer.hasPeer(to) ? peer.getPeer(to) : null;
        if (info != null
                && channel < info.channels().size()
                && info.channels().get(channel).getBufferedAmount() + answer.length > ECHO_HIGH_WATER_BYTES) {
            return false;
        }
        GodotError e = peer.putPacketOn(to, channel, form, answer);
        if (e == GodotError.ERR_BUSY) {
            return false;
        }
        tap.echoed(to, channel, e == GodotError.OK);
        if (e == GodotError.OK) {
            echoed++;
            tap.echoSent(to, channel, answer, form == WriteMode.TEXT);
        }
        return true;
    }

    /** Packets read so far. */
    public long received() {
        return received;
    }

    /** Packets echoed so far. */
    public long echoed() {
        return echoed;
    }
}
