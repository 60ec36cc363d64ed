// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.GodotError;
import dev.meshscope.core.MeshThread;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.snapshot.WireStats;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Hooks {@link LinkPlan} into a running agent: each {@code --impair} is applied when a matching peer is added (so it
 * holds again after every reconnect), the probe late threshold is set, and every connected peer's transport
 * statistics are asked for every report interval: they arrive as {@code WireStatsUpdated} events (selected candidate
 * pair, candidates, transport RTT, wire bytes), and a status line names the selected pair whenever it changes
 * ({@code relay} when it goes through TURN).
 *
 * <p>Threads: built on the main thread; everything it registers runs on the owner thread.
 */
final class LinkHooks {
    private final LinkPlan plan;
    private final WebRtcMultiplayerPeer peer;
    private final Status status;
    private final EventWriter events;
    /** The selected pair last named per peer, so a line is printed only when it changes. */
    private final Map<Integer, String> pairs = new HashMap<>();

    LinkHooks(
            LinkPlan plan,
            WebRtcMultiplayerPeer peer,
            AgentTraffic traffic,
            MeshThread thread,
            Status status,
            EventWriter events,
            long reportMillis) {
        this.plan = plan;
        this.peer = peer;
        this.status = status;
        this.events = events;
        thread.execute(() -> {
            if (plan.lateThreshold() != null) {
                traffic.setLateThreshold(plan.lateThreshold());
            }
            peer.addEventListener(this::onEvent);
        });
        thread.addTicker(reportMillis, TimeUnit.MILLISECONDS, this::requestWireStats);
    }

    private void onEvent(MeshEvent e) {
        if (e instanceof MeshEvent.PeerAdded pa) {
            for (ImpairSpec s : plan.impairments()) {
                if (s.appliesTo(pa.peerId())) {
                    apply(pa.peerId(), s);
                }
            }
        } else if (e instanceof MeshEvent.PeerRemoved pr) {
            pairs.remove(pr.peerId());
        } else if (e instanceof MeshEvent.WireStatsUpdated w) {
            noteWireStats(w.peerId(), w.stats());
        }
    }

    private void apply(int id, ImpairSpec s) {
        GodotError r = peer.setImpairment(id, s.channel(), s.direction(), s.impairment());
        String what =
                s.peerId() == ImpairSpec.ALL_PEERS ? s.describe().replace("every peer", "peer " + id) : s.describe();
        if (r != GodotError.OK) {
            String why = peer.getLastFailure() == null
                    ? r.toString()
                    : peer.getLastFailure().reason();
            status.say("impairment not applied (" + what + "): " + why);
            events.agentEvent("ImpairmentRefused", "peerId", id, "spec", s.text(), "reason", why);
            return;
        }
        status.say("impairment set: " + what + ".");
        events.agentEvent(
                "ImpairmentSet",
                "peerId",
                id,
                "channel",
                s.channel(),
                "direction",
                s.direction().name(),
                "delayMs",
                s.impairment().delayMs(),
                "jitterMs",
                s.impairment().jitterMs(),
                "lossPercent",
                s.impairment().lossPercent(),
                "bandwidthBytesPerSecond",
                s.impairment().bandwidthBytesPerSecond(),
                "paused",
                s.impairment().paused());
    }

    private void requestWireStats() {
        for (Map.Entry<Integer, PeerInfo> e : peer.getPeers().entrySet()) {
            if (e.getValue().connected()) {
                peer.requestWireStats(e.getKey());
            }
        }
    }

    private void noteWireStats(int id, WireStats s) {
        String pair = s.localCandidate() + " -> " + s.remoteCandidate();
        if (s.localCandidate().isEmpty() || pair.equals(pairs.get(id))) {
            return;
        }
        pairs.put(id, pair);
        status.say("transport to peer " + id + ": " + (s.relayed() ? "relay pair (TURN) " : "direct pair ") + pair
                + (Double.isNaN(s.currentRttMs())
                        ? ""
                        : String.format(java.util.Locale.ROOT, ", rtt %.1f ms", s.currentRttMs()))
                + (plan.relayOnly() ? " (relay-only)" : "") + ".");
    }
}
