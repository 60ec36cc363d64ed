// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.TransferMode;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.PacketWriter;
import dev.meshscope.godot.variant.Variant;
import dev.meshscope.session.SessionState;
import dev.meshscope.session.inspect.PacketTap;
import dev.meshscope.session.inspect.ProfileSnapshot;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The network profiler's model while its tab is hidden: it keeps only the newest aggregate (no rows, no chart series
 * rebuilt), and showing it applies that aggregate whole, so nothing counted while hidden is lost.
 */
class ProfilerViewModelTest {
    private final AtomicLong clock = new AtomicLong();
    private final PacketTap tap = new PacketTap(clock::get);
    private final ProfilerViewModel vm = new ProfilerViewModel();

    ProfilerViewModelTest() {
        tap.reset(1, List.of(TransferMode.RELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE));
    }

    private SessionState rpcs(String path, int n) {
        for (int i = 0; i < n; i++) {
            tap.received(
                    2,
                    0,
                    PacketWriter.encode(Packet.Rpc.of(new Packet.ByPath(path), 0, List.of(new Variant.Int(i)))),
                    false);
        }
        return SessionState.initial().withInspector(tap.handOff());
    }

    private static long rpcIn(ProfileSnapshot p, String node) {
        return p.nodes().stream()
                .filter(r -> r.node().equals(node))
                .mapToLong(ProfileSnapshot.NodeRow::rpcIn)
                .sum();
    }

    @Test
    void hiddenItKeepsTheNewestAggregateAndShowingAppliesIt() {
        vm.onState(rpcs("Main/A", 3));
        assertThat(rpcIn(vm.current(), "/root/Main/A")).isEqualTo(3);
        vm.setShown(false);
        vm.onState(rpcs("Main/A", 4));
        vm.onState(rpcs("Main/B", 5));
        assertThat(rpcIn(vm.current(), "/root/Main/A"))
                .as("nothing applied while hidden")
                .isEqualTo(3);
        assertThat(vm.nodes()).hasSize(1);
        vm.setShown(true);
        assertThat(rpcIn(vm.current(), "/root/Main/A"))
                .as("every packet counted while hidden")
                .isEqualTo(7);
        assertThat(rpcIn(vm.current(), "/root/Main/B")).isEqualTo(5);
        assertThat(vm.nodes()).hasSize(2);
        assertThat(vm.summaryProperty().get()).startsWith("2 node(s): 12 RPC(s) in");
    }

    @Test
    void showingWithNothingNewChangesNothing() {
        vm.onState(rpcs("Main/A", 2));
        vm.setShown(false);
        vm.setShown(true);
        assertThat(rpcIn(vm.current(), "/root/Main/A")).isEqualTo(2);
        assertThat(vm.nodes()).hasSize(1);
    }
}
