// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.core.ChannelState;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.WebRtcDataChannel;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WriteMode;
import dev.meshscope.core.probe.ProbePacket;
import dev.meshscope.core.probe.ProbeTracker;
import dev.meshscope.session.inspect.PacketTap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sends one {@link SendRequest} burst at its rate, a slice per mesh-loop iteration, respecting each channel's
 * send buffer. Mesh thread only (it calls the peer's channels); owned by {@link MeshSession}.
 */
final class TrafficPump {
    /**
     * Bytes queued in a channel above which the pump waits: well below mesh-core's 8 MiB refusal and
     * webrtc-java's silent close near 16 MiB, and small enough that a probe's round trip is not dominated by
     * its own queue (1 MiB drains in a few ms on a local link).
     */
    static final long BACKPRESSURE_BYTES = 1L << 20;
    /** Packets sent per loop iteration at most, so received packets and operator commands are never starved. */
    static final int MAX_SENDS_PER_POLL = 512;

    private final ProbeTracker tracker;
    private final Echo echo;
    private final Consumer<OperatorAction> out;
    private final PacketTap tap;
    private SendRequest job;
    private List<Flow> flows = List.of();
    private long startNanos;
    private long sent;
    private long refusedFull;
    private long refusedClosed;
    private long refusedOther;
    private long waiting;
    private long planned;
    private boolean stopped;

    private static final class Flow {
        final int peerId;
        final int channel;
        long sent;
        boolean done;

        Flow(int peerId, int channel) {
            this.peerId = peerId;
            this.channel = channel;
        }
    }

    /**
     * A pump whose raw payloads {@code echo} knows as this peer's own, and whose bursts end with a line to
     * {@code out} (what was sent, what was refused and why); every packet sent is shown to {@code tap}.
     */
    TrafficPump(ProbeTracker tracker, Echo echo, Consumer<OperatorAction> out, PacketTap tap) {
        this.tracker = tracker;
        this.echo = echo;
        this.out = out;
        this.tap = tap;
    }

    /**
     * Starts a burst to the peers the target selects now. Returns {@code null}, or why nothing can be sent (no
     * such peer, no such channel); a running burst is replaced.
     */
    String start(WebRtcMultiplayerPeer peer, SendRequest r) {
        Map<Integer, PeerInfo> peers = peer.getPeers();
        int channels = peer.getChannelModes().size();
        if (channels == 0) {
            return "create a server, client or mesh first.";
        }
        if (r.channel() != SendRequest.ALL_CHANNELS && (r.channel() < 0 || r.channel() >= channels)) {
            return "channel " + r.channel() + " does not exist: this mesh has channels 0.." + (channels - 1) + ".";
        }
        List<Integer> targets = new ArrayList<>();
        if (r.target() > 0) {
            if (!peers.containsKey(r.target())) {
                return "there is no peer " + r.target() + " (peers: " + peers.keySet() + ").";
            }
            targets.add(r.target());
        } else {
            for (int id : peers.keySet()) {
                if (r.target() == 0 || id != -r.target()) {
                    targets.add(id);
                }
            }
        }
        if (targets.isEmpty()) {
            return "the target " + r.target() + " selects no peer (peers: " + peers.keySet() + ").";
        }
        List<Flow> fs = new ArrayList<>();
        for (int id : targets) {
            if (r.channel() == SendRequest.ALL_CHANNELS) {
                for (int c = 0; c < channels; c++) {
                    fs.add(new Flow(id, c));
                }
            } else {
                fs.add(new Flow(id, r.channel()));
            }
        }
        if (!r.probe()) {
            for (Flow f : fs) {
                echo.sent(f.peerId, f.channel, r.payloadShared()); // Every packet of a raw burst is this payload.
            }
        }
        job = r;
        flows = fs;
        startNanos = System.nanoTime();
        sent = 0;
        refusedFull = 0;
        refusedClosed = 0;
        refusedOther = 0;
        stopped = false;
        waiting = 0;
        planned = r.count() * fs.size();
        return null;
    }

    /** Stops the burst; returns what it had done ("stopped: ..."), or {@code null} when none was running. */
    String stop() {
        if (job == null) {
            return null;
        }
        job = null;
        flows = List.of();
        stopped = true;
        return status().describe() + " (" + elapsed() + ").";
    }

    /** Forgets a peer that left: its flows end. */
    void forgetPeer(int id) {
        if (job == null) {
            return;
        }
        for (Flow f : flows) {
            if (f.peerId == id && !f.done) {
                refusedClosed += job.count() - f.sent;
                f.done = true;
            }
        }
    }

    /**
     * Sends what is due now (to {@code peers}: each peer's channels), at most {@link #MAX_SENDS_PER_POLL} packets. Returns true when it stopped because of
     * that cap (more is due at once, so the loop should run again without sleeping).
     */
    boolean pump(Map<Integer, List<WebRtcDataChannel>> peers) {
        SendRequest r = job;
        if (r == null) {
            return false;
        }
        long due = r.ratePerSec() == 0
                ? r.count()
                : Math.min(r.count(), 1 + (long) ((System.nanoTime() - startNanos) / 1e9 * r.ratePerSec()));
        int budget = MAX_SENDS_PER_POLL;
        boolean progress = true;
        while (budget > 0 && progress) {
            progress = false;
            for (Flow f : flows) {
                if (budget == 0) {
                    break;
                }
                if (f.done || f.sent >= due) {
                    continue;
                }
                List<WebRtcDataChannel> chs = peers.get(f.peerId);
                WebRtcDataChannel ch = chs == null || f.channel >= chs.size() ? null : chs.get(f.channel);
                ChannelState state = ch == null ? ChannelState.CLOSED : ch.getReadyState();
                if (state == ChannelState.CLOSING || state == ChannelState.CLOSED) {
                    refusedClosed += r.count() - f.sent;
                    f.done = true;
                    continue;
                }
                if (state != ChannelState.OPEN || ch.getBufferedAmount() > BACKPRESSURE_BYTES) {
                    waiting++;
                    continue;
                }
                byte[] bytes = r.probe()
                        ? tracker.nextPacket(f.peerId, f.channel, ProbePacket.Kind.PING, r.payloadShared())
                        : r.payloadShared().clone();
                GodotError e = ch.putPacket(bytes);
                if (e == GodotError.OK) {
                    sent++;
                    tap.sent(f.peerId, f.channel, bytes, ch.getWriteMode() == WriteMode.TEXT);
                } else if (e == GodotError.ERR_BUSY) {
                    refusedFull++;
                } else if (ch.getReadyState() != ChannelState.OPEN) {
                    refusedClosed++;
                } else {
                    refusedOther++;
                }
                f.sent++;
                budget--;
                progress = true;
            }
        }
        boolean finished = true;
        for (Flow f : flows) {
            finished &= f.done || f.sent >= r.count();
        }
        if (finished) {
            job = null;
            flows = List.of();
            TrafficStatus s = status();
            String line = s.describe() + " (" + elapsed() + ").";
            out.accept(
                    s.refused() == 0
                            ? OperatorAction.ok(Math.max(0, r.target()), "send", line)
                            : OperatorAction.failed(Math.max(0, r.target()), "send", line));
            return false;
        }
        return budget == 0;
    }

    /** The burst's progress. */
    TrafficStatus status() {
        return new TrafficStatus(
                job != null, stopped, sent, planned, refusedFull, refusedClosed, refusedOther, waiting);
    }

    private String elapsed() {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
