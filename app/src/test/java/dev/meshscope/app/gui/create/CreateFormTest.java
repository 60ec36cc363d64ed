// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.create;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.app.gui.RecordingCommands;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import org.junit.jupiter.api.Test;

/**
 * The Create form's rules without a native runtime: a recording fake of the session shows exactly what the model
 * asks for (and that a refused form asks for nothing). Runs on the test thread (the FX executor runs inline).
 */
class CreateFormTest {
    private final RecordingCommands commands = new RecordingCommands();
    private final CreateViewModel vm = new CreateViewModel(commands, Runnable::run);

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
        assertThat(vm.iceProblemProperty().get())
                .startsWith("ICE servers line 2:")
                .contains("must start with stun:");
        vm.iceTextProperty().set("turn:turn.example.org:3478");
        assertThat(vm.iceProblemProperty().get()).contains("needs a username and a credential");
        assertThat(vm.create()).isFalse();
        assertThat(commands.calls)
                .as("a refused form asks the session for nothing")
                .isEmpty();
        vm.iceTextProperty().set("# none\n\nturn:turn.example.org:3478 user secret");
        assertThat(vm.iceProblemProperty().get()).isEmpty();
    }

    @Test
    void aValidFormAsksForExactlyWhatItShows() {
        vm.modeProperty().set(NetworkMode.MESH);
        vm.idTextProperty().set("7");
        vm.nextExtraProperty().set(TransferMode.UNRELIABLE);
        vm.addExtraChannel();
        vm.iceTextProperty().set("stun:10.77.0.9:3478");
        assertThat(vm.create()).isTrue();
        assertThat(commands.calls).containsExactly("create MESH 7 [UNRELIABLE] ice=1");
    }

    @Test
    void aClientWithIdOneIsRefusedBeforeTheSessionHearsOfIt() {
        vm.modeProperty().set(NetworkMode.CLIENT);
        vm.idTextProperty().set("1");
        assertThat(vm.create()).isFalse();
        assertThat(commands.calls).isEmpty();
    }

    @Test
    void randomAsksTheSessionForGodotsGenerateUniqueIdAndShowsIt() {
        commands.nextUniqueId = 424242;
        vm.modeProperty().set(NetworkMode.SERVER);
        vm.random();
        assertThat(commands.calls).containsExactly("generateUniqueId");
        assertThat(vm.modeProperty().get())
                .as("a server is always 1: random switches to mesh")
                .isEqualTo(NetworkMode.MESH);
        assertThat(vm.idTextProperty().get()).isEqualTo("424242");
        assertThat(vm.idProblemProperty().get()).isEmpty();
    }

    @Test
    void relayOnlyWithoutATurnServerIsRefusedWithTheReasonAndNothingIsSent() {
        vm.idTextProperty().set("4");
        vm.iceTextProperty().set("stun:10.77.0.1:3478");
        vm.relayOnlyProperty().set(true);
        assertThat(vm.relayProblemProperty().get())
                .startsWith("Relay only (TURN):")
                .contains("needs a TURN server");
        assertThat(vm.createDisabledProperty().get()).isTrue();
        assertThat(vm.create()).isFalse();
        assertThat(vm.lobbyRequest(NetworkMode.MESH)).as("no lobby join either").isNull();
        assertThat(commands.calls).as("nothing sent").isEmpty();

        vm.iceTextProperty().set("turn:10.77.0.1:3478 user secret");
        assertThat(vm.relayProblemProperty().get()).isEmpty();
        assertThat(vm.formRequest().icePolicy()).isEqualTo(dev.meshscope.core.IceTransportPolicy.RELAY);
        assertThat(vm.lobbyRequest(NetworkMode.MESH).icePolicy())
                .isEqualTo(dev.meshscope.core.IceTransportPolicy.RELAY);
        vm.relayOnlyProperty().set(false);
        assertThat(vm.formRequest().icePolicy()).isEqualTo(dev.meshscope.core.IceTransportPolicy.ALL);
    }

    @Test
    void theServerRelayToggleSendsItsCommandButAStateDoesNot() {
        vm.serverRelayProperty().set(false);
        assertThat(commands.calls).containsExactly("setServerRelay false");
        vm.onState(dev.meshscope.session.SessionState.initial());
        assertThat(vm.serverRelayProperty().get())
                .as("the session's setting shown")
                .isTrue();
        assertThat(commands.calls).as("a state is not a command").containsExactly("setServerRelay false");
    }
}
