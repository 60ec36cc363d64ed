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
 * rules as the window's), counts what arrives and what is echoed per (peer, channel), sends probe pings on every
 * channel to every connected peer, and reports round trips per (peer, channel).
 *
 * <p>Threads: owner thread only (a poller and tickers of the agent's {@code MeshThread}).
 */
final class AgentTraffic {
    /** Payload of each ping: short, so every channel (even with a small max message size) carries it. */
    private static final byte[] PING_PAYLOAD = "meshscope-agent".getBytes(StandardCharsets.US_ASCII);

    /** How long a held echo waits before it looks again (1 MiB drains in ~16 ms: 1 ms never starves it). */
    static final long ECHO_RETRY_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1);
    /** Packets read per poll at most, so a flood cannot starve the agent's other pollers (as the window's session). */
    private static final int MAX_READS_PER_POLL = 4096;

    private final WebRtcMultiplayerPeer peer;
    private final boolean echoOn;
    private final ProbeTracker tracker = new ProbeTracker();
    private final Echo echo = new Echo(tracker);
    private final TrafficCounts counts = new TrafficCounts();
    private DelayedWake later;
    private ReplyHandler replies;

    /** Takes the packets that are replies to this agent's own test packets ({@code --send}). Owner thread. */
    interface ReplyHandler {
        /** Returns true when {@code data} was a reply it counted (it is then not echoed). */
        boolean onPacket(int from, int channel, byte[] data, boolean text, long arrivedNanos);
    }

    AgentTraffic(WebRtcMultiplayerPeer peer, boolean echo) {
        this.peer = peer;
        this.echoOn = echo;
        this.echo.setTap(new Echo.Tap() {
            @Override
            public boolean received(int from, int channel, byte[] data, boolean text, long arrivedNanos) {
                counts.received(from, channel, data.length, text, arrivedNanos);
                return replies != null && replies.onPacket(from, channel, data, text, arrivedNanos);
            }

            @Override
            public void echoed(int to, int channel, boolean ok) {
                counts.echoed(to, channel, ok);
            }
        });
    }

    /** Owner thread, before the first poll: with echo on, pings are answered where they arrive (see mesh-core). */
    void start() {
        echo.setOn(peer, echoOn);
    }

    /** Sets the handler that sees every packet first ({@code --send}); owner thread, before the first drain. */
    void setReplyHandler(ReplyHandler handler) {
        this.replies = handler;
    }

    /**
     * Sets how the owner thread is woken (thread-safe), so an echo held back by a full send queue is retried after
     * {@link #ECHO_RETRY_NANOS}; without it the retry waits for the next poll. Owner thread, before the first drain.
     */
    void setWake(Runnable wake) {
        this.later = new DelayedWake(wake);
    }

    /**
     * Reads every available packet and echoes with the session's {@link Echo} (the window's rules, including its
     * back-pressure: while an echo waits for its channel's send queue, nothing more is read). Run after
     * {@code peer.poll()}.
     */
    void drain() {
        echo.drain(peer, MAX_READS_PER_POLL);
        if (echo.isHolding() && later != null) {
            later.at(System.nanoTime() + ECHO_RETRY_NANOS);
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
        return echo.received();
    }

    long echoed() {
        return echo.echoed();
    }

    /** Reports every (peer, channel) with {@code sink}, and a line per flow on stderr via {@code say}. */
    void report(Consumer<ProbeStats> sink, Consumer<String> say) {
        for (ProbeStats s : tracker.stats()) {
            sink.accept(s);
            say.accept(String.format(
                    Locale.ROOT,
                    "probe peer %d channel %d (%s): sent %d, answered %d, lost %d, "
                            + "wrong channel %d, rtt median %.2f ms, p99 %.2f ms, app rtt median %.2f ms",
                    s.peerId(),
                    s.channel(),
                    WebRtcMultiplayerPeer.channelLabel(s.channel()),
                    s.sent(),
                    s.received(),
                    s.lost(),
                    s.wrongChannel(),
                    s.rttMedianMs(),
                    s.rttP99Ms(),
                    s.appRttMedianMs()));
        }
    }

    /**
     * Reports what was received and echoed per (peer, channel) with {@code sink} and a status line each: the flows
     * that changed since the last report, or every flow when {@code all} (at the end).
     */
    void reportCounts(boolean all, Consumer<TrafficCounts.Counts> sink, Consumer<String> say) {
        for (TrafficCounts.Counts c : counts.changedSinceLast(all)) {
            sink.accept(c);
            say.accept(String.format(
                    Locale.ROOT,
                    "traffic peer %d channel %d (%s): received %d (%d text, %d bytes), "
                            + "%.2f MB/s, echoed %d, echo refused %d",
                    c.peerId(),
                    c.channel(),
                    WebRtcMultiplayerPeer.channelLabel(c.channel()),
                    c.received(),
                    c.receivedText(),
                    c.receivedBytes(),
                    c.receivedMBps(),
                    c.echoed(),
                    c.echoRefused()));
        }
    }
}
