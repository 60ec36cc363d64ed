// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The timeline entry: its data bound and marker, and how a message maps onto from/to. */
class SignalTraceTest {
    @Test
    void dataAboveTheBoundIsCutWithAMarkerThatSaysHowMuchWasLeftOut() {
        String raw = "x".repeat(SignalTrace.MAX_DATA_CHARS + 1234);
        SignalTrace t = SignalTrace.received(
                SignalTrace.WEBSOCKET, -1, 0, 1, raw, raw.length(), SignalTrace.Verdict.REFUSED, "too big");
        assertThat(t.data())
                .hasSize(SignalTrace.MAX_DATA_CHARS + (SignalTrace.CUT_MARKER + "1234 more chars]").length());
        assertThat(t.data()).endsWith(SignalTrace.CUT_MARKER + "1234 more chars]");
        assertThat(t.cut()).isTrue();
        assertThat(t.size()).as("the size is what came, not what is kept").isEqualTo(raw.length());
        SignalTrace again = new SignalTrace(
                t.at(), t.direction(), t.path(), t.type(), t.from(), t.to(), t.size(), t.data(), t.verdict(), t.note());
        assertThat(again.data()).as("cutting twice changes nothing").isEqualTo(t.data());
    }

    @Test
    void dataWithinTheBoundIsKeptWholeAndNotMarked() {
        String raw = "y".repeat(SignalTrace.MAX_DATA_CHARS);
        SignalTrace t = new SignalTrace(
                Instant.now(),
                SignalTrace.Direction.SENT,
                SignalTrace.MANUAL,
                4,
                1,
                2,
                raw.length(),
                raw,
                SignalTrace.Verdict.OK,
                "");
        assertThat(t.data()).isEqualTo(raw);
        assertThat(t.cut()).isFalse();
    }

    @Test
    void aReceivedMessageIsFromItsIdAndASentOneIsToIt() {
        SignalMessage m = SignalMessage.of(MessageType.CANDIDATE, 7, "\n0\n0\ncandidate:1 1 udp 1 10.0.0.1 9 typ host");
        SignalTrace in = SignalTrace.ofMessage(
                SignalTrace.Direction.RECEIVED, SignalTrace.FOLDER, m, 3, SignalTrace.Verdict.OK, "");
        SignalTrace out =
                SignalTrace.ofMessage(SignalTrace.Direction.SENT, SignalTrace.FOLDER, m, 3, SignalTrace.Verdict.OK, "");
        assertThat(in.from()).isEqualTo(7);
        assertThat(in.to()).isEqualTo(3);
        assertThat(out.from()).isEqualTo(3);
        assertThat(out.to()).isEqualTo(7);
        assertThat(in.typeName()).isEqualTo("CANDIDATE");
        assertThat(in.size())
                .isEqualTo(dev.meshscope.signaling.message.SignalJson.write(m).length());
        assertThat(in.data()).isEqualTo(m.data());
    }
}
