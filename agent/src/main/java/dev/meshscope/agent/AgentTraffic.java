// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.GodotError;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WriteMode;
import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.probe.ProbeTracker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The agent's packets: reads every packet after each poll, answers on the channel it came in on when echo is on
 * (a probe ping with its pong, any other packet with itself; pongs and probe data are counted, never echoed, so
 * two echoing agents cannot loop), sends probe pings on every channel to every connected peer, and reports
 * round trips per (peer, channel).
 *
 * <p>Threads: owner thread only (a poller and tickers of the agent's {@code MeshThread}).
 */
final class AgentTraffic {
    /** Payload of each ping: short, so every channel (even with a small max message size) carries it. */
    private static final byte[] PING_PAYLOAD = "meshscope-agent".getBytes(StandardCharsets.US_ASCII);

    private final WebRtcMultiplayerPeer peer;
    private final boolean echo;
    private final ProbeTracker tracker = new ProbeTracker();
    private final TrafficCounts counts = new TrafficCounts();
    private ReplyHandler replies;
    private long received;
    private long echoed;

    /** Takes the packets that are replies to this agent's own test packets ({@code --send}). Owner thread. */
    interface ReplyHandler {
        /** Returns true when {@code data} was a reply it counted (it is then not echoed). */
        boolean onPacket(int from, int channel, byte[] data, boolean text, long arrivedNanos);
    }

    AgentTraffic(WebRtcMultiplayerPeer peer, boolean echo) {
        this.peer = peer;
        this.echo = echo;
    }

    /** Owner thread, before the first poll: with echo on, pings are answered where they arrive (see mesh-core). */
    void start() {
        peer.setAnswerProbesOnArrival(echo);
    }

    /** Sets the handler that sees every packet first ({@code --send}); owner thread, before the first drain. */
    void setReplyHandler(ReplyHandler handler) {
        this.replies = handler;
    }

    /** Reads every available packet; answers when echo is on. Run after {@code peer.poll()}. */
    void drain() {
        while (peer.getAvailablePacketCount() > 0) {
            int from = peer.getPacketPeer();
            int channel = peer.getPacketChannelIndex();
            byte[] data = peer.getPacket();
            if (peer.getPacketError() != GodotError.OK) {
                continue;
            }
            received++;
            boolean text = peer.wasStringPacket();
            counts.received(from, channel, data.length, text);
            if (replies != null && replies.onPacket(from, channel, data, text, peer.getLastPacketArrivalNanos())) {
                continue;
            }
            if (tracker.onReceived(from, channel, data, peer.getLastPacketArrivalNanos()) || !echo) {
                continue;
            }
            byte[] pong = ProbePacket.pongFor(data);
            if (ProbePacket.looksLikeProbe(data) && pong == null) {
                continue; // Probe data that did not decode as a pong or data packet: not ours to answer.
            }
            // Back on the channel it came in on, in the form it came in (text stays text).
            WriteMode form = text ? WriteMode.TEXT : WriteMode.BINARY;
            boolean ok = peer.putPacketOn(from, channel, form, pong != null ? pong : data) == GodotError.OK;
            counts.echoed(from, channel, ok);
            if (ok) {
                echoed++;
            }
        }
    }

    /** Sends one ping on every channel to every connected peer. */
    void pingAll() {
        int channels = peer.getChannelModes().size();
        for (Map.Entry<Integer, PeerInfo> e : peer.getPeers().entrySet()) {
            if (!e.getValue().connected()) {
                continue;
            }
            for (int i = 0; i < channels; i++) {
                byte[] ping = tracker.nextPacket(e.getKey(), i, ProbePacket.Kind.PING, PING_PAYLOAD);
                peer.putPacketOn(e.getKey(), i, WriteMode.BINARY, ping);
            }
        }
    }

    /** Current probe figures, one per (peer, channel) pinged. */
    List<ProbeStats> stats() {
        return tracker.stats();
    }

    /** Packets read so far, and how many were answered. */
    long received() {
        return received;
    }

    long echoed() {
        return echoed;
    }

    /** Reports every (peer, channel) with {@code sink}, and a line per flow on stderr via {@code say}. */
    void report(Consumer<ProbeStats> sink, Consumer<String> say) {
        for (ProbeStats s : tracker.stats()) {
            sink.accept(s);
            say.accept(String.format(Locale.ROOT, "probe peer %d channel %d (%s): sent %d, answered %d, lost %d, "
                    + "wrong channel %d, rtt median %.2f ms, p99 %.2f ms, app rtt median %.2f ms", s.peerId(), s.channel(),
                    WebRtcMultiplayerPeer.channelLabel(s.channel()), s.sent(), s.received(), s.lost(), s.wrongChannel(),
                    s.rttMedianMs(), s.rttP99Ms(), s.appRttMedianMs()));
        }
    }

    /**
     * Reports what was received and echoed per (peer, channel) with {@code sink} and a status line each: the flows
     * that changed since the last report, or every flow when {@code all} (at the end).
     */
    void reportCounts(boolean all, Consumer<TrafficCounts.Counts> sink, Consumer<String> say) {
        for (TrafficCounts.Counts c : counts.changedSinceLast(all)) {
            sink.accept(c);
            say.accept(String.format(Locale.ROOT, "traffic peer %d channel %d (%s): received %d (%d text, %d bytes), "
                    + "echoed %d, echo refused %d", c.peerId(), c.channel(), WebRtcMultiplayerPeer.channelLabel(c.channel()),
                    c.received(), c.receivedText(), c.receivedBytes(), c.echoed(), c.echoRefused()));
        }
    }
}
