// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.GodotError;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcDataChannel;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WriteMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code --send N}: sends N {@link SendPattern} packets on each chosen channel to each connected peer (or
 * {@code --target}), at {@code --rate} or at full speed paced by the channel's buffered amount as
 * {@code ./meshscope bench} paces its throughput scenario, checks every reply in a {@link SendFlow}, and says when
 * the run is finished: every packet back, or nothing sent or received for {@code --loss-timeout}, or its peer gone.
 * A peer that connects after the run finished is not sent to.
 *
 * <p>Threads: owner thread only. {@link #poll} is a poller of the agent's mesh thread (after the peer's poll and
 * the drain); {@link #onPacket} is called by the drain; {@link #report} by a ticker; {@link #summary} at the end.
 * A {@link DelayedWake} runs {@code wake} (thread-safe) on a timer thread.
 */
final class SendRun implements AgentTraffic.ReplyHandler {
    /** Full speed: pause while this much is queued on the channel (bench's THROUGHPUT_HIGH_WATER_BYTES, 1 MiB). */
    static final long HIGH_WATER_BYTES = 1024 * 1024;
    /** How long a back-pressured flow waits before it looks again (1 MiB drains in ~16 ms: 1 ms never starves it). */
    static final long BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Packets sent per flow per owner-thread iteration before the thread polls again (bench's SEND_BATCH). */
    static final int SEND_BATCH = 64;

    private final WebRtcMultiplayerPeer peer;
    private final SendPlan plan;
    /** This peer's id: given (manual, folder), or read from the peer once a lobby assigned it (0 until then). */
    private int ownId;

    private final Runnable wake;
    private final Runnable finished;
    private final Consumer<String> say;
    private final Map<Integer, List<Active>> byPeer = new LinkedHashMap<>();
    private final List<Active> all = new ArrayList<>();
    private final DelayedWake later;
    private boolean done;

    /** A flow being sent, with its channel. */
    private static final class Active {
        final SendFlow flow;
        final WebRtcDataChannel channel;
        boolean gone;

        Active(SendFlow flow, WebRtcDataChannel channel) {
            this.flow = flow;
            this.channel = channel;
        }
    }

    /**
     * @param ownId    this peer's id, or 0 when a WebSocket lobby assigns it later (read from the peer then)
     * @param wake     wakes the owner thread (thread-safe)
     * @param finished called once, on the owner thread, when the run is finished
     * @param say      a status line
     */
    SendRun(
            WebRtcMultiplayerPeer peer,
            SendPlan plan,
            int ownId,
            Runnable wake,
            Runnable finished,
            Consumer<String> say) {
        this.peer = peer;
        this.plan = plan;
        this.ownId = ownId;
        this.wake = wake;
        this.later = new DelayedWake(wake);
        this.finished = finished;
        this.say = say;
    }

    /** Starts flows for newly connected peers, stops those of departed ones, sends what is due, sees the end. */
    void poll() {
        if (done) {
            return;
        }
        if (ownId == 0) {
            ownId = peer.getUniqueId();
        }
        Map<Integer, PeerInfo> peers = peer.getPeers();
        for (Map.Entry<Integer, PeerInfo> e : peers.entrySet()) {
            int id = e.getKey();
            if (e.getValue().connected() && (plan.target() == 0 || plan.target() == id) && !byPeer.containsKey(id)) {
                start(id, e.getValue().channels());
            }
        }
        for (Map.Entry<Integer, List<Active>> e : byPeer.entrySet()) {
            PeerInfo p = peers.get(e.getKey());
            if (p == null || !p.connected()) {
                for (Active a : e.getValue()) {
                    if (!a.gone) {
                        a.gone = true;
                        a.flow.stopSending();
                    }
                }
            }
        }
        long nextDue = Long.MAX_VALUE;
        boolean more = false;
        for (Active a : all) {
            if (a.gone || a.flow.sendingFinished()) {
                continue;
            }
            long due = send(a);
            if (due == 0) {
                more = true;
            } else {
                nextDue = Math.min(nextDue, due);
            }
        }
        if (more) {
            wake.run();
        } else if (nextDue != Long.MAX_VALUE) {
            later.at(nextDue);
        }
        if (!all.isEmpty() && all.stream().allMatch(a -> finished(a, System.nanoTime()))) {
            done = true;
            say.accept("send run finished: " + describe(summary()));
            finished.run();
        }
    }

    private void start(int id, List<WebRtcDataChannel> channels) {
        List<Active> flows = new ArrayList<>();
        List<TransferMode> modes = peer.getChannelModes();
        List<Integer> chosen = plan.channels();
        for (int ch : chosen) {
            if (ch >= channels.size()) {
                say.accept("peer " + id + " has no channel " + ch + "; not sending there.");
                continue;
            }
            boolean ordered = ch >= modes.size() || modes.get(ch) != TransferMode.UNRELIABLE;
            Active a = new Active(new SendFlow(id, ch, ordered, plan.count()), channels.get(ch));
            flows.add(a);
            all.add(a);
        }
        byPeer.put(id, flows);
        say.accept(String.format(
                Locale.ROOT,
                "sending %d %s packets of %d bytes on %d channel(s) to peer %d%s.",
                plan.count(),
                plan.text() ? "text" : "binary",
                plan.size(),
                flows.size(),
                id,
                plan.rate() > 0 ? " at " + plan.rate() + " per second each" : " at full speed"));
    }

    /** Sends what is due on one flow; returns 0 when more can go at once, else when to look again. */
    private long send(Active a) {
        WriteMode form = plan.text() ? WriteMode.TEXT : WriteMode.BINARY;
        for (int n = 0; n < SEND_BATCH; n++) {
            if (a.flow.sendingFinished()) {
                return Long.MAX_VALUE;
            }
            long now = System.nanoTime();
            if (plan.rate() > 0) {
                // Paced from the first send, so N packets span at least (N - 1) / rate from first to last.
                long due = a.flow.nextSeq() == 0
                        ? now
                        : a.flow.firstSendNanos() + (long) (a.flow.nextSeq() * 1e9 / plan.rate());
                if (due - now > 0) {
                    return due;
                }
            } else if (a.channel.getBufferedAmount() + plan.size() > HIGH_WATER_BYTES) {
                return now + BACKOFF_NANOS;
            }
            byte[] packet = SendPattern.build(ownId, a.flow.peerId, a.flow.channel, a.flow.nextSeq(), plan.size());
            GodotError e = peer.putPacketOn(a.flow.peerId, a.flow.channel, form, packet);
            if (e == GodotError.ERR_BUSY) {
                return now + BACKOFF_NANOS; // The send queue is at mesh-core's safety bound: wait for it to drain.
            }
            if (e != GodotError.OK) {
                a.flow.stopSending();
                say.accept("sending to peer " + a.flow.peerId + " on channel " + a.flow.channel + " stopped: " + e
                        + (peer.getLastFailure() == null
                                ? ""
                                : " (" + peer.getLastFailure().reason() + ")"));
                return Long.MAX_VALUE;
            }
            a.flow.onSent(System.nanoTime());
        }
        return a.flow.sendingFinished() ? Long.MAX_VALUE : 0;
    }

    private boolean finished(Active a, long now) {
        if (!a.flow.sendingFinished()) {
            return false;
        }
        return a.gone
                || a.flow.outstanding() == 0
                || now - a.flow.lastActivityNanos() > plan.lossTimeout().toNanos();
    }

    @Override
    public boolean onPacket(int from, int channel, byte[] data, boolean text, long arrivedNanos) {
        SendPattern.Header h = SendPattern.parse(data);
        if (h == null) {
            if (!SendPattern.isTestPacket(data)) {
                return false;
            }
            // A test packet whose header is damaged: count it on the flow it arrived on, if it is one of ours.
            SendFlow f = flow(from, channel);
            if (f != null) {
                f.onReply(-1, false, channel, text, plan.text(), data.length, arrivedNanos);
            }
            return f != null;
        }
        if (h.from() != ownId) {
            return false; // Another peer's test packet: not a reply; the agent echoes or counts it.
        }
        SendFlow f = flow(from, h.channel());
        if (f == null || h.to() != from) {
            SendFlow here = flow(from, channel);
            if (here != null) {
                here.onReply(-1, false, channel, text, plan.text(), data.length, arrivedNanos);
            }
            return true;
        }
        f.onReply(h.seq(), SendPattern.matches(h, data), channel, text, plan.text(), data.length, arrivedNanos);
        return true;
    }

    private SendFlow flow(int peerId, int channel) {
        List<Active> flows = byPeer.get(peerId);
        if (flows != null) {
            for (Active a : flows) {
                if (a.flow.channel == channel) {
                    return a.flow;
                }
            }
        }
        return null;
    }

    /** Reports every flow: an event each, and a status line each. */
    void report(Consumer<FlowSummary> sink) {
        for (Active a : all) {
            FlowSummary s = a.flow.summary(WebRtcMultiplayerPeer.channelLabel(a.flow.channel));
            sink.accept(s);
            say.accept("send " + describe(s));
        }
    }

    /** The figures now; packets without a reply count as lost. */
    Summary summary() {
        List<FlowSummary> flows = new ArrayList<>();
        for (Active a : all) {
            flows.add(a.flow.summary(WebRtcMultiplayerPeer.channelLabel(a.flow.channel)));
        }
        return new Summary(ownId, plan, flows);
    }

    private static String describe(Summary s) {
        return (s.ok() ? "everything came back" : "NOT everything came back") + " (exit code " + s.exitCode() + ")";
    }

    private static String describe(FlowSummary s) {
        return String.format(
                Locale.ROOT,
                "peer %d channel %d (%s): sent %d/%d, back %d, missing %d, duplicates %d, "
                        + "reordered %d, wrong channel %d, wrong form %d, corrupted %d, rtt median %.2f ms, p99 %.2f ms, %.2f MB/s",
                s.peerId(),
                s.channel(),
                s.label(),
                s.sent(),
                s.planned(),
                s.back(),
                s.lost(),
                s.duplicates(),
                s.reordered(),
                s.wrongChannel(),
                s.wrongForm(),
                s.corrupted(),
                s.rttMedianMs(),
                s.rttP99Ms(),
                s.throughputMBps());
    }
}
