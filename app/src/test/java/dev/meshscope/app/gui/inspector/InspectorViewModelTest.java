// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.app.gui.RecordingCommands;
import dev.meshscope.core.TransferMode;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.PacketWriter;
import dev.meshscope.godot.variant.Variant;
import dev.meshscope.session.SessionState;
import dev.meshscope.session.inspect.InspectorUpdate;
import dev.meshscope.session.inspect.PacketTap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The inspector's view model without a window: bounded rows, dropped counts, filters, hex, pause, reset. */
class InspectorViewModelTest {
    private final AtomicLong clock = new AtomicLong();
    private final PacketTap tap = new PacketTap(clock::get);
    private final RecordingCommands commands = new RecordingCommands();
    private final InspectorViewModel vm = new InspectorViewModel(commands);

    InspectorViewModelTest() {
        tap.reset(1, List.of(TransferMode.RELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE));
    }

    private static SessionState state(InspectorUpdate u) {
        return SessionState.initial().withInspector(u);
    }

    private static byte[] rpc(String path, long n) {
        return PacketWriter.encode(Packet.Rpc.of(new Packet.ByPath(path), 0, List.of(new Variant.Int(n))));
    }

    @Test
    void rowsStayBoundedAndEveryRecordedPacketIsListedOrCountedAsDropped() {
        long sent = 0;
        for (int round = 0; round < 7; round++) {
            for (int i = 0; i < 1900; i++) {
                tap.received(2 + round % 2, round % 3, rpc("Main/P", sent++), false);
            }
            vm.onState(state(tap.handOff()));
        }
        assertThat(vm.rows()).hasSize(PacketTap.RING_CAPACITY);
        assertThat(vm.rows().size() + vm.droppedProperty().get()).isEqualTo(sent);
        assertThat(vm.recordedProperty().get()).isEqualTo(sent);
        assertThat(vm.rows().get(vm.rows().size() - 1).seq()).isEqualTo(sent);
        assertThat(vm.countsProperty().get())
                .contains(PacketTap.RING_CAPACITY + " listed")
                .contains((sent - PacketTap.RING_CAPACITY) + " dropped");
    }

    @Test
    void skippedStatesLoseNoPacketsWhenTheBridgeJoinsThem() {
        tap.received(2, 0, rpc("Main/A", 1), false);
        SessionState first = state(tap.handOff());
        tap.received(2, 0, rpc("Main/B", 2), false);
        SessionState second = state(tap.handOff());
        vm.onState(second.after(first)); // What FxBridge hands over when the window skipped `first`.
        assertThat(vm.rows())
                .extracting(r -> r.summary())
                .containsExactly("rpc /root/Main/A method#0(1)", "rpc /root/Main/B method#0(2)");
    }

    @Test
    void filtersByPeerChannelAndKind() {
        tap.received(2, 0, rpc("Main/A", 1), false);
        tap.received(3, 2, rpc("Main/B", 2), false);
        tap.received(3, 0, new byte[] {3, 9}, false); // RAW
        vm.onState(state(tap.handOff()));
        assertThat(vm.peerChoices()).containsExactly(InspectorViewModel.ALL, "2", "3");
        assertThat(vm.channelChoices()).containsExactly(InspectorViewModel.ALL, "0 reliable", "2 unreliable");
        vm.peerFilterProperty().set("3");
        assertThat(vm.shown()).hasSize(2);
        vm.channelFilterProperty().set("0 reliable");
        assertThat(vm.shown()).extracting(r -> r.summary()).containsExactly("raw 1 byte: 09");
        vm.channelFilterProperty().set(InspectorViewModel.ALL);
        vm.kindFilterProperty().set("rpc");
        assertThat(vm.shown()).extracting(r -> r.peer()).containsExactly(3);
        assertThat(vm.countsProperty().get()).contains("3 listed (1 shown)");
        vm.peerFilterProperty().set(InspectorViewModel.ALL);
        vm.kindFilterProperty().set("decode error");
        assertThat(vm.shown()).isEmpty();
    }

    @Test
    void theSelectedPacketShowsItsBytes() {
        tap.received(2, 0, new byte[] {0x03, 0x41, 0x42}, false);
        vm.onState(state(tap.handOff()));
        vm.selectedProperty().set(vm.rows().get(0));
        assertThat(vm.hexProperty().get()).startsWith("0000  03 41 42 ").contains("|.AB|");
        vm.selectedProperty().set(null);
        assertThat(vm.hexProperty().get()).isEmpty();
    }

    @Test
    void pauseAndClearGoToTheSessionAndAResetEmptiesTheList() {
        vm.pausedProperty().set(true);
        assertThat(commands.calls).containsExactly("inspectorPaused true");
        tap.received(2, 0, rpc("Main/A", 1), false);
        tap.received(2, 0, rpc("Main/A", 2), false);
        vm.onState(state(tap.handOff()));
        assertThat(vm.rows()).hasSize(2);
        tap.clearCounts(); // What the session does on Clear: numbering starts again.
        tap.received(2, 0, rpc("Main/A", 3), false);
        vm.onState(state(tap.handOff()));
        assertThat(vm.rows()).hasSize(1);
        assertThat(vm.droppedProperty().get()).isZero();
        vm.clear();
        assertThat(vm.rows()).isEmpty();
        assertThat(commands.calls).containsExactly("inspectorPaused true", "clearInspector");
    }
}
