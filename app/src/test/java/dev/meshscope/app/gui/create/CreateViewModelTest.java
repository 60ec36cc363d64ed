// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.app.gui.FxBridge;
import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.session.MeshSession;
import dev.meshscope.session.OperatorAction;
import dev.meshscope.session.SessionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Create panel's model on a real session, without a window (the test thread drains the bridge); the form's rules
 * alone are in {@link CreateFormTest}, on a recording fake.
 */
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
            public void onEvent(MeshEvent e) {}

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
        await(what)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    bridge.drain();
                    return c.getAsBoolean();
                });
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
