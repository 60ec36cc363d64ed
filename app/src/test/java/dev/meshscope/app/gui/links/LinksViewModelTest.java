// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.links;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.app.gui.RecordingCommands;
import dev.meshscope.app.gui.Selection;
import org.junit.jupiter.api.Test;

/**
 * The Link controls' rules without a native runtime: a recording fake of the session shows exactly what the form asks
 * for, and that a refused field asks for nothing.
 */
class LinksViewModelTest {
    private final RecordingCommands commands = new RecordingCommands();
    private final Selection selection = new Selection();
    private final LinksViewModel vm = new LinksViewModel(commands, selection);

    @Test
    void aValidFormSetsEachChosenDirectionOfTheSelectedPeer() {
        selection.select(7);
        vm.directionProperty().set(DirectionChoice.BOTH);
        vm.delayProperty().set("40");
        vm.jitterProperty().set("5");
        vm.lossProperty().set("10%");
        vm.bandwidthProperty().set("64k");
        assertThat(vm.apply()).isTrue();
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(commands.calls)
                .containsExactly(
                        "setImpairment outbound to peer 7: 40±5 ms, 10% loss, 64 KB/s",
                        "setImpairment inbound from peer 7: 40±5 ms, 10% loss, 64 KB/s");
        commands.calls.clear();
        vm.directionProperty().set(DirectionChoice.INBOUND);
        assertThat(vm.clear()).isTrue();
        assertThat(commands.calls).containsExactly("setImpairment inbound from peer 7: none");
    }

    @Test
    void everyBadFieldIsRefusedWithItsMessageAndNothingIsSent() {
        vm.peerProperty().set("7");
        String[][] bad = {
            {"delay", "-5", "Delay: a whole number of milliseconds from 0 to 60000, not \"-5\"."},
            {"delay", "forty", "Delay: a whole number of milliseconds"},
            {"jitter", "70000", "Jitter: a whole number of milliseconds from 0 to 60000, not \"70000\"."},
            {"loss", "150", "Loss: a percentage from 0 to 100"},
            {"loss", "ten", "Loss: a percentage from 0 to 100"},
            {"bandwidth", "500", "Impairment: the bandwidth cap must be 0 (no cap) or at least 1000 bytes/s"},
            {"bandwidth", "fast", "Bandwidth: bytes per second"},
        };
        for (String[] b : bad) {
            vm.delayProperty().set("0");
            vm.jitterProperty().set("0");
            vm.lossProperty().set("0");
            vm.bandwidthProperty().set("0");
            switch (b[0]) {
                case "delay" -> vm.delayProperty().set(b[1]);
                case "jitter" -> vm.jitterProperty().set(b[1]);
                case "loss" -> vm.lossProperty().set(b[1]);
                default -> vm.bandwidthProperty().set(b[1]);
            }
            assertThat(vm.apply()).as(b[0] + " " + b[1]).isFalse();
            assertThat(vm.problemProperty().get()).startsWith(b[2]);
        }
        vm.delayProperty().set("0");
        vm.bandwidthProperty().set("0");
        vm.peerProperty().set("0");
        assertThat(vm.apply()).isFalse();
        assertThat(vm.problemProperty().get()).startsWith("Peer: the id of one remote peer");
        assertThat(vm.clear()).isFalse();
        assertThat(commands.calls).as("nothing sent").isEmpty();
    }

    @Test
    void theSilentThresholdIsCheckedThenSentAsTheLateThreshold() {
        vm.silentAfterProperty().set("0.01");
        assertThat(vm.applySilentAfter()).isFalse();
        assertThat(vm.silentProblemProperty().get()).startsWith("Silent after: seconds from 0.1 to 600");
        vm.silentAfterProperty().set("soon");
        assertThat(vm.applySilentAfter()).isFalse();
        assertThat(commands.calls).isEmpty();
        vm.silentAfterProperty().set("1.5");
        assertThat(vm.applySilentAfter()).isTrue();
        assertThat(vm.silentProblemProperty().get()).isEmpty();
        assertThat(commands.calls).containsExactly("setLateThreshold 1500");
    }
}
