// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshscope.core.MeshThread;
import dev.meshscope.core.RtcConfiguration;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.probe.ProbeStats;
import dev.meshscope.session.GodotPrinter;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.record.RecordItem;
import dev.meshscope.session.record.RecordingSink;
import dev.meshscope.session.record.SessionRecorder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code --record FILE}: the agent's session record, the same format the window writes ({@code docs/records.md}):
 * every mesh event, a configuration line after each creation, a stats sample a second (counters, the dictionary,
 * probe results), wire statistics every 2 s, every signaling message the lobby traced, and the agent's own events
 * (pastes, notices, reports) as actions.
 *
 * <p>Threads: {@link #attach} from the main thread before the peer is used; the listeners and tickers run on the
 * mesh thread; {@link #agentEvent} from the mesh thread or, at shutdown, the main thread (the recorder's queue is
 * thread-safe); {@link #close} from the main thread after the mesh thread stopped.
 */
final class AgentRecording implements AutoCloseable {
    /** How often the sample ticker checks whether a sample is due (the recorder's period decides). */
    static final long SAMPLE_CHECK_MILLIS = 100;

    private final SessionRecorder recorder;
    private final GodotPrinter printer = new GodotPrinter();

    private AgentRecording(SessionRecorder recorder) {
        this.recorder = recorder;
    }

    /** Starts the record in {@code file} (truncated). */
    static AgentRecording open(Path file) throws IOException {
        return new AgentRecording(SessionRecorder.open(file, "agent", null));
    }

    /** Records {@code peer}'s events and samples it on {@code thread}. */
    void attach(
            MeshThread thread,
            WebRtcMultiplayerPeer peer,
            Supplier<List<ProbeStats>> probes,
            List<RtcConfiguration.IceServer> ice) {
        thread.execute(() -> peer.addEventListener(e -> {
            recorder.event(e);
            if (e instanceof MeshEvent.Created c) {
                // From the event: while it is delivered the peer's status is not CONNECTING yet (getUniqueId says 1).
                recorder.config(recorder.configNow(c.mode(), c.uniqueId(), peer.getChannelModes(), ice));
            }
        }));
        thread.addTicker(SAMPLE_CHECK_MILLIS, TimeUnit.MILLISECONDS, () -> {
            if (recorder.sampleDue(System.nanoTime())) {
                recorder.sample(peer.snapshot(), printer.print(peer.getPeers()), probes.get());
            }
        });
        thread.addTicker(RecordingSink.WIRE_STATS_MILLIS, TimeUnit.MILLISECONDS, () -> {
            for (int id : peer.getPeers().keySet()) {
                peer.requestWireStats(id);
            }
        });
    }

    /** One agent event line (as {@link EventWriter} writes it): a signaling trace, or an action. */
    void agentEvent(ObjectNode n) {
        String name = n.path("event").asText("agent");
        if (name.equals("SignalTrace")) {
            long at = n.path("atMillis").asLong() * 1000 + offsetMicros();
            recorder.signal(new RecordItem.Signal(
                    at,
                    n.path("direction").asText(),
                    n.path("path").asText(),
                    n.path("type").asInt(-1),
                    n.path("from").asInt(),
                    n.path("to").asInt(),
                    n.path("size").asInt(),
                    n.path("data").asText(),
                    n.path("verdict").asText(),
                    n.path("note").asText()));
            return;
        }
        ObjectNode fields = n.deepCopy();
        fields.remove(List.of("event", "atMillis"));
        JsonNode peer = n.has("peerId") ? n.get("peerId") : n.path("id");
        boolean failed =
                name.contains("Refused") || "ERROR".equals(n.path("level").asText());
        recorder.action(new OperatorAction(
                n.path("atMillis").asLong(System.currentTimeMillis()), peer.asInt(0), name, fields.toString(), failed));
    }

    /** The record clock minus the wall clock, microseconds. */
    private long offsetMicros() {
        return recorder.clock().nowMicros() - System.currentTimeMillis() * 1000;
    }

    /** The record's file. */
    Path file() {
        return recorder.file();
    }

    /** Items dropped (the disk could not keep up). */
    long dropped() {
        return recorder.dropped();
    }

    @Override
    public void close() {
        recorder.close();
    }
}
