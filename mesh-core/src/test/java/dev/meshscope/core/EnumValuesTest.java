// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every enum keeps Godot's numeric values: they cross into logs, exports and GDScript users' heads. */
class EnumValuesTest {
    @Test
    void godotNumbersAreKept() {
        assertThat(TransferMode.UNRELIABLE.value()).isZero();
        assertThat(TransferMode.UNRELIABLE_ORDERED.value()).isEqualTo(1);
        assertThat(TransferMode.RELIABLE.value()).isEqualTo(2);
        assertThat(TransferMode.fromValue(3)).isNull();
        assertThat(ConnectionStatus.CONNECTED.value()).isEqualTo(2);
        assertThat(ConnectionState.NEW.value()).isZero();
        assertThat(ConnectionState.CLOSED.value()).isEqualTo(5);
        assertThat(GatheringState.COMPLETE.value()).isEqualTo(2);
        assertThat(SignalingState.HAVE_REMOTE_PRANSWER.value()).isEqualTo(4);
        assertThat(ChannelState.CLOSED.value()).isEqualTo(3);
        assertThat(WriteMode.BINARY.value()).isEqualTo(1);
        assertThat(GodotError.ERR_UNCONFIGURED.code()).isEqualTo(3);
        assertThat(GodotError.ERR_UNAUTHORIZED.code()).isEqualTo(4);
        assertThat(GodotError.ERR_INVALID_DATA.code()).isEqualTo(30);
        assertThat(GodotError.ERR_INVALID_PARAMETER.code()).isEqualTo(31);
        assertThat(GodotError.ERR_BUSY.code()).isEqualTo(44);
        assertThat(GodotError.ERR_BUG.code()).isEqualTo(47);
        for (ConnectionState s : ConnectionState.values()) {
            assertThat(s.value()).isEqualTo(s.ordinal());
        }
        for (SignalingState s : SignalingState.values()) {
            assertThat(s.value()).isEqualTo(s.ordinal());
        }
        for (ChannelState s : ChannelState.values()) {
            assertThat(s.value()).isEqualTo(s.ordinal());
        }
    }
}
