// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.session.record.RecordContents;
import dev.meshscope.session.record.RecordItem;
import dev.meshscope.session.record.RecordMerge;
import dev.meshscope.session.record.RecordReader;
import dev.meshscope.session.record.RecordReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent --record FILE}: two agent JVMs in a folder mesh, pinging each other, each write a record that reads
 * back whole (configuration, events, samples, signaling, the agent's own events), replays, and merges with the
 * other on a clock offset of about zero (one machine); an unwritable record path is refused as a bad option.
 */
@Tag("multiprocess")
@Tag("native")
class AgentRecordProcessTest {
    @TempDir
    Path work;

    @RegisterExtension
    final AgentProcesses agents = new AgentProcesses();

    private AgentProcess agent(int id) throws Exception {
        return agents.start(
                work,
                "agent" + id,
                "--mode",
                "mesh",
                "--id",
                Integer.toString(id),
                "--signal-dir",
                work.resolve("lobby").toString(),
                "--create",
                "--echo",
                "--ping-interval",
                "50",
                "--heartbeat-ms",
                "200",
                "--no-stdin",
                "--exit-after",
                "12",
                "--record",
                work.resolve("agent" + id + ".msrec.jsonl.gz").toString());
    }

    @Test
    void bothAgentsWriteReadableRecordsThatMergeOnOneClock() throws Exception {
        AgentProcess a = agent(2);
        AgentProcess b = agent(3);
        assertThat(a.waitFor(90)).as(agents.diagnostics()).isZero();
        assertThat(b.waitFor(90)).as(agents.diagnostics()).isZero();
        RecordContents ra = RecordReader.readStrict(work.resolve("agent2.msrec.jsonl.gz"));
        RecordContents rb = RecordReader.readStrict(work.resolve("agent3.msrec.jsonl.gz"));
        assertThat(ra.header().recorder()).isEqualTo("agent");
        RecordItem.Config cfg = ra.items().stream()
                .filter(i -> i instanceof RecordItem.Config)
                .map(i -> (RecordItem.Config) i)
                .findFirst()
                .orElseThrow();
        assertThat(cfg.mode()).isEqualTo("mesh");
        assertThat(cfg.uniqueId())
                .as(ra.items().stream()
                        .filter(i -> i instanceof RecordItem.Config
                                || i instanceof RecordItem.Event e && e.event() instanceof MeshEvent.Created)
                        .toList()
                        .toString())
                .isEqualTo(2);
        assertThat(ra.items().stream().map(RecordItem::kind).distinct().toList())
                .contains("config", "event", "stats", "action", "signal");
        assertThat(ra.items())
                .anySatisfy(i -> assertThat(i)
                        .isInstanceOfSatisfying(
                                RecordItem.Action.class,
                                x -> assertThat(x.action().kind()).isEqualTo("AgentStarted")));
        List<String> events = ra.items().stream()
                .filter(i -> i instanceof RecordItem.Event)
                .map(i -> ((RecordItem.Event) i).event().getClass().getSimpleName())
                .distinct()
                .toList();
        assertThat(events).contains("Created", "PeerConnected", "ProbeTimed", "WireStatsUpdated");
        assertThat(ra.items().stream()
                        .filter(i -> i instanceof RecordItem.Stats s && s.mesh().peer(3) != null)
                        .map(i -> (RecordItem.Stats) i)
                        .reduce((x, y) -> y)
                        .orElseThrow()
                        .probes())
                .anySatisfy(p -> assertThat(p.received()).isPositive());
        RecordReplay replay = RecordReplay.of(ra);
        long connected = ra.items().stream()
                .filter(i -> i instanceof RecordItem.Event e && e.event() instanceof MeshEvent.PeerConnected)
                .findFirst()
                .orElseThrow()
                .at();
        assertThat(replay.at(connected).mesh().peer(3).connected()).isTrue();

        RecordMerge.ClockOffset o = RecordMerge.merge(List.of(ra, rb)).offsets().get(1);
        assertThat(o.aligned()).isTrue();
        // One machine, one wall clock: the true offset is the two anchors' jitter, far below a millisecond.
        assertThat(Math.abs(o.offsetMicros())).isLessThanOrEqualTo(o.uncertaintyMicros() + 1000);
        System.out.println("AgentRecordProcessTest: two agent JVMs on one machine, offset " + o.describe());
    }

    @Test
    void anUnwritableRecordPathIsABadOption() throws Exception {
        Path file = work.resolve("plain-file");
        Files.writeString(file, "x");
        AgentProcess a = agents.start(
                work,
                "bad",
                "--mode",
                "mesh",
                "--id",
                "2",
                "--manual",
                "--record",
                file.resolve("sub/r.msrec.jsonl.gz").toString());
        assertThat(a.waitFor(60)).isEqualTo(2);
        assertThat(a.stderrText()).contains("cannot write --record");
    }
}
