// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.GodotError;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WriteMode;
import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.core.probe.ProbeTracker;
import dev.meshscope.session.Echo;
import dev.meshscope.session.GodotHostRelay;
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
    private PacketObserver observer;

    /** Sees every packet read and every packet this agent sends ({@code --decode}). Owner thread. */
    interface PacketObserver {
        /** {@code data} was read from {@code from} on internal channel {@code channel}; not kept after the call. */
        void received(int from, int channel, byte[] data, boolean text);

        /** {@code data} was sent to {@code to} on internal channel {@code channel}; not kept after the call. */
        void sent(int to, int channel, byte[] data, boolean text);
    }

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
                if (observer != null) {
                    observer.received(from, channel, data, text);
                }
                return replies != null && replies.onPacket(from, channel, data, text, arrivedNanos);
            }

            @Override
            public void echoed(int to, int channel, boolean ok) {
                counts.echoed(to, channel, ok);
            }

            @Override
            public void echoSent(int to, int channel, byte[] data, boolean text) {
                if (observer != null) {
                    observer.sent(to, channel, data, text);
                }
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

    /** Sets who sees every packet read and sent ({@code --decode}); owner thread, before the first drain. */
    void setObserver(PacketObserver o) {
        this.observer = o;
    }

    /**
     * Lets {@code relay} forward SceneMultiplayer relay packets (after the observer and the reply handler saw them),
     * and shows what it sends to the observer. Owner thread, before the first drain.
     */
    void setRelay(GodotHostRelay relay) {
        echo.setRelay(relay);
        relay.setSentObserver((to, channel, data) -> {
            echo.sent(to, channel, data);
            if (observer != null) {
                observer.sent(to, channel, data, false);
            }
        });
    }

    /**
     * Notes a packet this agent sent itself ({@code --send-rpc}): an echoing peer's reflection of it is not echoed
     * back, and the observer sees it. Owner thread.
     */
    void sentOwn(int to, int channel, byte[] data, boolean text) {
        echo.sent(to, channel, data);
        if (observer != null) {
            observer.sent(to, channel, data, text);
        }
    }

    /** Sets how long a probe may wait for its pong before it counts as late. Owner thread. */
    void setLateThreshold(java.time.Duration threshold) {
        tracker.setLateThreshold(threshold);
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
                if (peer.putPacketOn(e.getKey(), i, WriteMode.BINARY, ping) == GodotError.OK && observer != null) {
                    observer.sent(e.getKey(), i, ping, false);
                }
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
                            + "wrong channel %d, late %d, rtt median %.2f ms, p99 %.2f ms, app rtt median %.2f ms",
                    s.peerId(),
                    s.channel(),
                    WebRtcMultiplayerPeer.channelLabel(s.channel()),
                    s.sent(),
                    s.received(),
                    s.lost(),
                    s.wrongChannel(),
                    s.late(),
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
