// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WriteMode;
import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.probe.ProbeTracker;
import dev.meshscope.session.Echo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The agent's packets: reads every packet after each poll and echoes with the session's {@link Echo} (the same
 * rules as the window's), sends probe pings on every channel to every connected peer, and reports round trips per
 * (peer, channel).
 *
 * <p>Threads: owner thread only (a poller and tickers of the agent's {@code MeshThread}).
 */
final class AgentTraffic {
    /** Payload of each ping: short, so every channel (even with a small max message size) carries it. */
    private static final byte[] PING_PAYLOAD = "meshscope-agent".getBytes(StandardCharsets.US_ASCII);
    /** Packets read per poll at most, so a flood cannot starve the agent's other pollers (as the window's session). */
    private static final int MAX_READS_PER_POLL = 4096;

    private final WebRtcMultiplayerPeer peer;
    private final boolean echoOn;
    private final ProbeTracker tracker = new ProbeTracker();
    private final Echo echo = new Echo(tracker);

    AgentTraffic(WebRtcMultiplayerPeer peer, boolean echo) {
        this.peer = peer;
        this.echoOn = echo;
    }

    /** Owner thread, before the first poll: with echo on, pings are answered where they arrive (see mesh-core). */
    void start() {
        echo.setOn(peer, echoOn);
    }

    /** Reads every available packet; answers when echo is on. Run after {@code peer.poll()}. */
    void drain() {
        echo.drain(peer, MAX_READS_PER_POLL);
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
        return echo.received();
    }

    long echoed() {
        return echo.echoed();
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
}
