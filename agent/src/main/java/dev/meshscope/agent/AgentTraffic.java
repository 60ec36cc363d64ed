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
    /**
     * Echo back-pressure: hold an echo while this much waits in its channel's send queue (bench's throughput high
     * water; far below mesh-core's 8 MiB safety bound, where every refusal would also be logged as a failure).
     */
    static final long ECHO_HIGH_WATER_BYTES = 1024 * 1024;
    /** How long a held echo waits before it looks again (1 MiB drains in ~16 ms: 1 ms never starves it). */
    static final long ECHO_RETRY_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1);

    /** An echo waiting for its channel's send queue to drain. */
    private record Held(int peer, int channel, WriteMode form, byte[] data) { }

    private final TrafficCounts counts = new TrafficCounts();
    private DelayedWake later;
    private Held held;
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

    /**
     * Sets how the owner thread is woken (thread-safe), so an echo held back by a full send queue is retried after
     * {@link #ECHO_RETRY_NANOS}; without it the retry waits for the next poll. Owner thread, before the first drain.
     */
    void setWake(Runnable wake) {
        this.later = new DelayedWake(wake);
    }

    /**
     * Reads every available packet; answers when echo is on. Run after {@code peer.poll()}. While an echo waits for
     * its channel's send queue to drain, nothing more is read: packets wait in mesh-core's bounded receive queue,
     * as a Godot game that stops calling get_packet would make them wait.
     */
    void drain() {
        if (held != null) {
            if (!echo(held.peer(), held.channel(), held.form(), held.data())) {
                retryLater();
                return;
            }
            held = null;
        }
        while (peer.getAvailablePacketCount() > 0) {
            int from = peer.getPacketPeer();
            int channel = peer.getPacketChannelIndex();
            byte[] data = peer.getPacket();
            if (peer.getPacketError() != GodotError.OK) {
                continue;
            }
            received++;
            boolean text = peer.wasStringPacket();
            counts.received(from, channel, data.length, text, peer.getLastPacketArrivalNanos());
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
            byte[] answer = pong != null ? pong : data;
            if (!echo(from, channel, form, answer)) {
                held = new Held(from, channel, form, answer);
                retryLater();
                return;
            }
        }
    }

    /**
     * Sends one echo, unless the channel's send queue is above {@link #ECHO_HIGH_WATER_BYTES}: returns false then
     * (try again later). A refusal for any other reason (peer gone, channel closed) is counted and the echo dropped.
     */
    private boolean echo(int to, int channel, WriteMode form, byte[] answer) {
        PeerInfo info = peer.hasPeer(to) ? peer.getPeer(to) : null;
        if (info != null && channel < info.channels().size()
                && info.channels().get(channel).getBufferedAmount() + answer.length > ECHO_HIGH_WATER_BYTES) {
            return false;
        }
        GodotError e = peer.putPacketOn(to, channel, form, answer);
        if (e == GodotError.ERR_BUSY) {
            return false;
        }
        counts.echoed(to, channel, e == GodotError.OK);
        if (e == GodotError.OK) {
            echoed++;
        }
        return true;
    }

    private void retryLater() {
        if (later != null) {
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
                    + "%.2f MB/s, echoed %d, echo refused %d", c.peerId(), c.channel(),
                    WebRtcMultiplayerPeer.channelLabel(c.channel()), c.received(), c.receivedText(), c.receivedBytes(),
                    c.receivedMBps(), c.echoed(), c.echoRefused()));
        }
    }
}
