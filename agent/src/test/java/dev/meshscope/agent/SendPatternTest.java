// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The test packet: printable, self-describing, checkable byte for byte, and never mistaken for another. */
class SendPatternTest {

    @Test
    void aPacketIsPrintableAsciiOfTheAskedSizeAndNamesItself() {
        byte[] p = SendPattern.build(2, 1, 3, 41, 300);
        assertThat(p).hasSize(300);
        String s = new String(p, StandardCharsets.US_ASCII);
        assertThat(s).startsWith("MSS1:2:1:3:41:300:").matches("[ -~]+");
        assertThat(SendPattern.parse(p)).isEqualTo(new SendPattern.Header(2, 1, 3, 41, 300));
        assertThat(SendPattern.matches(SendPattern.parse(p), p)).isTrue();
    }

    @Test
    void theLongestHeaderFitsTheSmallestSize() {
        byte[] p = SendPattern.build(
                Integer.MAX_VALUE, Integer.MAX_VALUE, 0xFFFF, SendOptions.MAX_COUNT - 1, SendPattern.MIN_SIZE);
        assertThat(SendPattern.parse(p)).isNotNull();
    }

    @Test
    void oneChangedByteOrASwappedPayloadIsCaught() {
        byte[] p = SendPattern.build(2, 1, 0, 7, 200);
        byte[] damaged = p.clone();
        damaged[150] ^= 1;
        assertThat(SendPattern.matches(SendPattern.parse(damaged), damaged)).isFalse();
        byte[] other = SendPattern.build(2, 1, 0, 8, 200);
        byte[] swapped = p.clone();
        System.arraycopy(other, 40, swapped, 40, 160);
        assertThat(SendPattern.matches(SendPattern.parse(swapped), swapped))
                .as("filler of packet 8 under header 7")
                .isFalse();
        byte[] cut = java.util.Arrays.copyOf(p, 199);
        assertThat(SendPattern.matches(SendPattern.parse(cut), cut)).isFalse();
    }

    @Test
    void otherPacketsAndDamagedHeadersAreNotTaken() {
        assertThat(SendPattern.parse("hello".getBytes(StandardCharsets.US_ASCII)))
                .isNull();
        assertThat(SendPattern.isTestPacket("MSPR....".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(SendPattern.parse("MSS1:2:1:x:4:100:".getBytes(StandardCharsets.US_ASCII)))
                .isNull();
        assertThat(SendPattern.parse("MSS1:2:1:0:4".getBytes(StandardCharsets.US_ASCII)))
                .isNull();
        assertThat(SendPattern.isTestPacket("MSS1:2:1:0:4".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
    }
}
