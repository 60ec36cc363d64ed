// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.app.gui.FxBridge;
import dev.meshscope.session.MeshSession;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.SessionState;
import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Create panel's model on a real session, without a window (the test thread drains the bridge). */
@Tag("native")
class CreateViewModelTest {
    private final WebRtcRuntime runtime = WebRtcRuntime.create();
    private final FxBridge bridge = new FxBridge();
    private final MeshSession session = new MeshSession("vm-test", runtime, bridge);
    private final CreateViewModel vm = new CreateViewModel(session, bridge);
    private final List<OperatorAction> actions = new ArrayList<>();

    CreateViewModelTest() {
        bridge.setReceiver(new FxBridge.Receiver() {
            @Override
            public void onEvent(MeshEvent e) {
            }

            @Override
            public void onAction(OperatorAction a) {
                actions.add(a);
            }

            @Override
            public void onState(SessionState s) {
                vm.onState(s);
            }
        });
    }

    @AfterEach
    void close() {
        session.shutdown();
        runtime.close();
    }

    private void drainUntil(String what, java.util.function.BooleanSupplier c) {
        await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
            bridge.drain();
            return c.getAsBoolean();
        });
    }

    @Test
    void checksIdsAgainstGodotsRangesForEachMode() {
        vm.modeProperty().set(NetworkMode.CLIENT);
        vm.idTextProperty().set("1");
        assertThat(vm.idProblemProperty().get()).startsWith("Clients cannot have ID 1");
        assertThat(vm.createDisabledProperty().get()).isTrue();
        vm.idTextProperty().set("0");
        assertThat(vm.idProblemProperty().get()).contains("out of range").contains("between 2 and 2147483647");
        vm.idTextProperty().set("2147483648");
        assertThat(vm.idProblemProperty().get()).contains("out of range");
        vm.idTextProperty().set("x2");
        assertThat(vm.idProblemProperty().get()).contains("not a whole number");
        vm.idTextProperty().set("2");
        assertThat(vm.idProblemProperty().get()).isEmpty();
        vm.modeProperty().set(NetworkMode.MESH);
        vm.idTextProperty().set("1");
        assertThat(vm.idProblemProperty().get()).as("a mesh peer may be 1").isEmpty();
        vm.modeProperty().set(NetworkMode.SERVER);
        assertThat(vm.idTextProperty().get()).isEqualTo("1");
        assertThat(vm.idProblemProperty().get()).isEmpty();
    }

    @Test
    void refusesBadIceServersWithTheLineAndTheFix() {
        vm.idTextProperty().set("4");
        vm.iceTextProperty().set("stun:stun.example.org:3478\nhttp://example.org");
        assertThat(vm.iceProblemProperty().get()).startsWith("ICE servers line 2:").contains("must start with stun:");
        vm.iceTextProperty().set("turn:turn.example.org:3478");
        assertThat(vm.iceProblemProperty().get()).contains("needs a username and a credential");
        assertThat(vm.create()).isFalse();
        vm.iceTextProperty().set("# none\n\nturn:turn.example.org:3478 user secret");
        assertThat(vm.iceProblemProperty().get()).isEmpty();
    }

    @Test
    void aRefusedFormSendsNothingAndAValidOneCreatesThePeer() {
        vm.modeProperty().set(NetworkMode.CLIENT);
        vm.idTextProperty().set("1");
        assertThat(vm.create()).isFalse();
        vm.idTextProperty().set("9");
        assertThat(vm.create()).isTrue();
        drainUntil("created", () -> vm.statusProperty().get() == ConnectionStatus.CONNECTING);
        assertThat(vm.uniqueIdTextProperty().get()).isEqualTo("9");
        assertThat(vm.createDisabledProperty().get()).isTrue();
        assertThat(actions).noneMatch(OperatorAction::failed);
        vm.close();
        drainUntil("closed", () -> vm.statusProperty().get() == ConnectionStatus.DISCONNECTED);
    }

    @Test
    void randomAsksTheMeshThreadForGodotsGenerateUniqueId() {
        vm.random();
        drainUntil("random id", () -> !vm.idTextProperty().get().isEmpty());
        assertThat(Long.parseLong(vm.idTextProperty().get())).isBetween(2L, (long) Integer.MAX_VALUE);
        assertThat(vm.idProblemProperty().get()).isEmpty();
    }
}
