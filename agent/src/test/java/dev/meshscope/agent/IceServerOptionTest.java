// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshscope.core.RtcConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --ice-server URL[,user,credential]} and {@code --gather-timeout-ms}: good values are read, bad ones refused
 * with exit code 2 and the reason, before anything starts. Private addresses only; nothing is contacted.
 */
class IceServerOptionTest {
    @Test
    void aStunUrlAloneAndATurnUrlWithItsCredentialsAreRead() {
        IceServerConverter c = new IceServerConverter();
        assertThat(c.convert("stun:10.77.0.1:3478"))
                .isEqualTo(new RtcConfiguration.IceServer(List.of("stun:10.77.0.1:3478"), "", ""));
        assertThat(c.convert("turn:10.77.0.1:3478,alice,secret"))
                .isEqualTo(new RtcConfiguration.IceServer(List.of("turn:10.77.0.1:3478"), "alice", "secret"));
    }

    @Test
    void aTurnUrlWithoutCredentialsIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new IceServerConverter().convert("turn:10.77.0.1:3478"))
                .hasMessageContaining("needs a username and a credential");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--ice-server http://10.77.0.1 | is not a STUN or TURN url",
                "--ice-server stun: | has no host after the scheme",
                "--ice-server turn:10.77.0.1,alice | is not URL or URL,user,credential",
                "--ice-server turn:10.77.0.1 | needs a username and a credential",
                "--gather-timeout-ms 0 | --gather-timeout-ms is for --manual and must be more than 0",
            })
    void badValuesAreRefusedWithAReason(String option, String message) {
        String[] opt = option.strip().split(" +");
        assertThat(AgentCommandTest.run(2, "--mode", "mesh", "--id", "2", "--manual", opt[0], opt[1]))
                .contains(message.strip());
    }

    @Test
    void theGatheringTimeoutIsForManualSignalingOnly() {
        assertThat(AgentCommandTest.run(
                        2, "--mode", "mesh", "--id", "2", "--signal-dir", "x", "--gather-timeout-ms", "100"))
                .contains("--gather-timeout-ms is for --manual");
    }
}
