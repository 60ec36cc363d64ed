// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshscope.core.ConnectionState;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.Step;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.session.OperatorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log's model: failures, filters, the memory bound and the JSON-lines export. */
class LogViewModelTest {
    private final LogViewModel vm = new LogViewModel();

    private static long now() {
        return System.currentTimeMillis();
    }

    @Test
    void flagsFailuresAndFiltersByPeerAndKind() {
        vm.onEvent(new MeshEvent.PeerConnected(0, now(), 3));
        vm.onEvent(new MeshEvent.ErrorRaised(
                0, now(), 4, GodotError.ERR_INVALID_DATA, Step.SET_REMOTE_DESCRIPTION, "bad"));
        vm.onEvent(
                new MeshEvent.ConnectionStateChanged(0, now(), 3, ConnectionState.CONNECTED, ConnectionState.FAILED));
        vm.onAction(OperatorAction.ok(3, "send", "sending"));
        assertThat(vm.entries()).as("nothing shows before the flush").isEmpty();
        vm.flush();
        assertThat(vm.entries()).extracting(LogEntry::failed).containsExactly(false, true, true, false);
        assertThat(vm.lastFailureProperty().get().kind()).isEqualTo("ConnectionStateChanged");
        vm.peerFilterProperty().set("3");
        assertThat(vm.visibleEntries()).hasSize(3);
        vm.kindFilterProperty().set(LogViewModel.FAILURES);
        assertThat(vm.visibleEntries()).extracting(LogEntry::kind).containsExactly("ConnectionStateChanged");
        vm.peerFilterProperty().set("");
        vm.kindFilterProperty().set(LogViewModel.ACTION);
        assertThat(vm.visibleEntries()).extracting(LogEntry::text).containsExactly("send: sending");
        vm.peerFilterProperty().set("not a peer");
        assertThat(vm.visibleEntries()).isEmpty();
        assertThat(vm.kinds()).contains("PeerConnected", "WireStatsUpdated", "Snapshot");
    }

    @Test
    void keepsAtMostMaxEntriesNewestLast() {
        for (int i = 0; i < LogViewModel.MAX_ENTRIES + 1234; i++) {
            vm.onEvent(new MeshEvent.PeerAdded(0, now(), i + 1, false));
            if (i % 1000 == 0) {
                vm.flush();
            }
        }
        vm.flush();
        assertThat(vm.entries()).hasSize(LogViewModel.MAX_ENTRIES);
        assertThat(vm.entries().get(vm.entries().size() - 1).peerId()).isEqualTo(LogViewModel.MAX_ENTRIES + 1234);
        assertThat(vm.total()).isEqualTo(LogViewModel.MAX_ENTRIES + 1234);
    }

    @Test
    void exportsEveryLineAsJsonWithTheEventsFields(@TempDir Path dir) throws Exception {
        vm.onEvent(new MeshEvent.PeerConnected(0, now(), 3));
        vm.onAction(OperatorAction.failed(5, "apply paste", "refused"));
        Path f = dir.resolve("log.jsonl");
        assertThat(vm.exportJsonLines(f)).isEqualTo(2);
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(2);
        ObjectMapper m = new ObjectMapper();
        JsonNode first = m.readTree(lines.get(0));
        assertThat(first.get("kind").asText()).isEqualTo("PeerConnected");
        assertThat(first.get("peer").asInt()).isEqualTo(3);
        assertThat(first.get("detail").get("peerId").asInt()).isEqualTo(3);
        assertThat(first.get("time").asText()).endsWith("Z");
        JsonNode second = m.readTree(lines.get(1));
        assertThat(second.get("failed").asBoolean()).isTrue();
        assertThat(second.get("text").asText()).isEqualTo("apply paste: refused");
    }

    @Test
    void theHeaderFailureClearsWhenItsConditionDoes() {
        vm.onAction(OperatorAction.failed(0, "join folder", "cannot use /nowhere: no such folder"));
        assertThat(vm.lastFailureProperty().get()).isNotNull();
        vm.onAction(OperatorAction.ok(0, "send", "sending 10 probe ping(s)"));
        assertThat(vm.lastFailureProperty().get())
                .as("an unrelated success changes nothing")
                .isNotNull();
        vm.onAction(OperatorAction.ok(0, "join folder", "joining /shared as mesh peer 2..."));
        assertThat(vm.lastFailureProperty().get())
                .as("the same command now works")
                .isNull();

        vm.onAction(OperatorAction.failed(5, "add peer", "peer 5 is already added"));
        vm.onEvent(new MeshEvent.PeerConnected(0, now(), 6));
        assertThat(vm.lastFailureProperty().get())
                .as("another peer connecting changes nothing")
                .isNotNull();
        vm.onEvent(new MeshEvent.PeerConnected(0, now(), 5));
        assertThat(vm.lastFailureProperty().get())
                .as("the peer it was about connected")
                .isNull();

        vm.onEvent(
                new MeshEvent.ConnectionStateChanged(0, now(), 7, ConnectionState.CONNECTED, ConnectionState.FAILED));
        vm.onAction(OperatorAction.ok(0, "close", "closed the multiplayer peer, dropping 1 peer(s)."));
        assertThat(vm.lastFailureProperty().get())
                .as("Close ends every condition of the old peer")
                .isNull();

        vm.onAction(OperatorAction.failed(0, "create mesh", "ERR_INVALID_PARAMETER: bad id"));
        vm.dismissFailure();
        assertThat(vm.lastFailureProperty().get()).as("dismissed").isNull();
        vm.flush();
        assertThat(vm.entries()).filteredOn(LogEntry::failed).hasSize(4);
    }

    @Test
    void periodicWireStatsAddARowOnlyWhenThePairOrTheStatesChange() {
        vm.onEvent(wire(3, "host udp 10.77.0.1:5000 -> host udp 10.77.0.1:5001", "connected"));
        vm.onEvent(wire(3, "host udp 10.77.0.1:5000 -> host udp 10.77.0.1:5001", "connected"));
        vm.onEvent(wire(4, "host udp 10.77.0.1:5000 -> host udp 10.77.0.1:5002", "connected"));
        vm.onEvent(wire(3, "relay udp 10.77.0.1:6000 -> host udp 10.77.0.1:5001", "connected"));
        vm.onEvent(wire(3, "relay udp 10.77.0.1:6000 -> host udp 10.77.0.1:5001", "disconnected"));
        vm.flush();
        assertThat(vm.entries())
                .extracting(LogEntry::peerId)
                .as("the repeat of peer 3's first report adds nothing")
                .containsExactly(3, 4, 3, 3);
    }

    private static MeshEvent.WireStatsUpdated wire(int peer, String pair, String ice) {
        String[] ends = pair.split(" -> ");
        return new MeshEvent.WireStatsUpdated(
                0,
                0,
                peer,
                new dev.meshscope.core.snapshot.WireStats(
                        0, pair, ends[0], ends[1], 1.0, 10, 10, 1, 1, ice, "connected", java.util.List.of()));
    }
}
