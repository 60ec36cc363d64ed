// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.core.GodotError;
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
    private boolean on;
    private long received;
    private long echoed;

    /** Echo off; probe pongs and data go to {@code tracker}. */
    public Echo(ProbeTracker tracker) {
        this.tracker = tracker;
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
     * echoes as described above. Returns how many were read.
     */
    public int drain(WebRtcMultiplayerPeer peer, int max) {
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
            boolean probe = ProbePacket.looksLikeProbe(data);
            if (tracker.onReceived(from, channel, data, peer.getLastPacketArrivalNanos()) || !on) {
                continue;
            }
            byte[] pong = probe ? ProbePacket.pongFor(data) : null;
            if (probe && pong == null || !probe && own.containsKey(Own.of(from, channel, data))) {
                continue;
            }
            WriteMode form = peer.wasStringPacket() ? WriteMode.TEXT : WriteMode.BINARY;
            if (peer.putPacketOn(from, channel, form, pong != null ? pong : data) == GodotError.OK) {
                echoed++;
            }
        }
        return reads;
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
