// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.GodotError;
import dev.meshscope.core.MultiplayerPeer;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
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
    private long received;
    private long echoed;

    AgentTraffic(WebRtcMultiplayerPeer peer, boolean echo) {
        this.peer = peer;
        this.echo = echo;
    }

    /** Reads every available packet; answers when echo is on. Run after {@code peer.poll()}. */
    void drain() {
        while (peer.getAvailablePacketCount() > 0) {
            int from = peer.getPacketPeer();
            int channel = peer.getPacketChannel();
            TransferMode mode = peer.getPacketMode();
            byte[] data = peer.getPacket();
            if (peer.getPacketError() != GodotError.OK) {
                continue;
            }
            received++;
            if (tracker.onReceived(from, data, peer.getLastPacketArrivalNanos()) || !echo) {
                continue;
            }
            byte[] pong = ProbePacket.pongFor(data);
            if (ProbePacket.looksLikeProbe(data) && pong == null) {
                continue; // Probe data that did not decode as a pong or data packet: not ours to answer.
            }
            if (send(from, channel, mode, pong != null ? pong : data) == GodotError.OK) {
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
                send(e.getKey(), transferChannelOf(i), transferModeOf(i), ping);
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
                    + "rtt median %.2f ms, p99 %.2f ms", s.peerId(), s.channel(), WebRtcMultiplayerPeer.channelLabel(s.channel()),
                    s.sent(), s.received(), s.lost(), s.rttMedianMs(), s.rttP99Ms()));
        }
    }

    /** {@code putPacket} to one peer on an internal channel's transfer channel and mode, then back to broadcast. */
    private GodotError send(int to, int transferChannel, TransferMode mode, byte[] data) {
        peer.setTargetPeer(to);
        peer.setTransferChannel(transferChannel);
        peer.setTransferMode(mode);
        GodotError e = peer.putPacket(data);
        peer.setTargetPeer(MultiplayerPeer.TARGET_PEER_BROADCAST);
        peer.setTransferChannel(0);
        peer.setTransferMode(TransferMode.RELIABLE);
        return e;
    }

    /** The transfer channel that selects internal channel {@code i} (0 for the three default channels). */
    private static int transferChannelOf(int i) {
        return i < WebRtcMultiplayerPeer.CH_RESERVED_MAX ? 0 : i - WebRtcMultiplayerPeer.CH_RESERVED_MAX + 1;
    }

    /** The transfer mode that selects default channel {@code i} (extras ignore the mode). */
    private static TransferMode transferModeOf(int i) {
        switch (i) {
            case WebRtcMultiplayerPeer.CH_ORDERED: return TransferMode.UNRELIABLE_ORDERED;
            case WebRtcMultiplayerPeer.CH_UNRELIABLE: return TransferMode.UNRELIABLE;
            default: return TransferMode.RELIABLE;
        }
    }
}
