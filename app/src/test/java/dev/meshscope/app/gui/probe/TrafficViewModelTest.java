// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshscope.app.gui.FxBridge;
import dev.meshscope.app.gui.Selection;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.session.MeshSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Test packets form's checks, without a window. */
@Tag("native")
class TrafficViewModelTest {
    private final WebRtcRuntime runtime = WebRtcRuntime.create();
    private final MeshSession session = new MeshSession("traffic-vm", runtime, new FxBridge());
    private final Selection selection = new Selection();
    private final TrafficViewModel vm = new TrafficViewModel(session, selection);

    @AfterEach
    void close() {
        session.shutdown();
        runtime.close();
    }

    @Test
    void eachBadFieldGetsItsOwnMessageAndSendIsRefused() {
        vm.targetProperty().set("peer three");
        assertThat(vm.problemProperty().get()).startsWith("Target:");
        assertThat(vm.send()).isFalse();
        vm.targetProperty().set("-3");
        assertThat(vm.problemProperty().get()).isEmpty();
        vm.payloadKindProperty().set(PayloadKind.HEX);
        vm.payloadProperty().set("0x de ad b");
        assertThat(vm.problemProperty().get()).startsWith("Payload: hex needs two digits per byte");
        vm.payloadProperty().set("zz");
        assertThat(vm.problemProperty().get()).contains("'z' at position 1 is not a hex digit");
        vm.payloadProperty().set("de:ad:be:ef");
        assertThat(vm.problemProperty().get()).isEmpty();
        vm.countProperty().set("0");
        assertThat(vm.problemProperty().get()).startsWith("Count: 0 is out of range");
        vm.countProperty().set("5");
        vm.rateProperty().set("-1");
        assertThat(vm.problemProperty().get()).startsWith("Rate:");
        vm.rateProperty().set("0");
        assertThat(vm.problemProperty().get()).isEmpty();
    }

    @Test
    void selectingAPeerTargetsIt() {
        selection.select(17);
        assertThat(vm.targetProperty().get()).isEqualTo("17");
        selection.select(0);
        assertThat(vm.targetProperty().get()).isEqualTo("0");
    }

    @Test
    void payloadsParseAsTextHexOrRandomBytes() {
        assertThat(PayloadParser.parse(PayloadKind.TEXT, "hé")).hasSize(3);
        assertThat(PayloadParser.parse(PayloadKind.HEX, "0x0A ff")).containsExactly(0x0A, 0xFF);
        assertThat(PayloadParser.parse(PayloadKind.RANDOM, "32")).hasSize(32);
        assertThatThrownBy(() -> PayloadParser.parse(PayloadKind.RANDOM, "300000"))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> PayloadParser.parse(PayloadKind.RANDOM, "lots"))
                .hasMessageContaining("type how many");
    }
}
