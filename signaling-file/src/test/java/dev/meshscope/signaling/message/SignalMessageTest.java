// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshscope.core.sdp.SdpException;
import org.junit.jupiter.api.Test;

/** The demo message schema and the CANDIDATE payload, with a negative twin for each. */
class SignalMessageTest {
    private static final String CAND = "candidate:842163049 1 udp 1677729535 10.77.0.1 46154 typ host generation 0";

    @Test
    void messagesWriteTheDemoSchemaInItsOrder() {
        assertThat(SignalJson.write(SignalMessage.of(MessageType.OFFER, 3, "v=0")))
                .isEqualTo("{\"type\":4,\"id\":3,\"data\":\"v=0\"}");
        SignalMessage m = SignalJson.read("{\"id\":1,\"type\":1,\"data\":\"true\",\"extra\":[1]}");
        assertThat(m.knownType()).isEqualTo(MessageType.ID);
        assertThat(m.data()).isEqualTo("true");
    }

    @Test
    void demoServerChecksAreApplied() {
        assertThatThrownBy(() -> SignalJson.read("[1,2]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> SignalJson.read("{\"type\":\"4\",\"id\":1}")).hasMessageContaining("integer \"type\"");
        assertThatThrownBy(() -> SignalJson.read("{\"type\":4}")).hasMessageContaining("integer \"id\"");
        assertThatThrownBy(() -> SignalJson.read("{\"type\":4,\"id\":1,\"data\":5}"))
                .hasMessageContaining("string");
        assertThatThrownBy(() -> SignalJson.read("{\"type\":4,")).hasMessageContaining("not JSON");
    }

    @Test
    void unknownTypesAreKeptNotFatal() {
        SignalMessage m = SignalJson.read("{\"type\":99,\"id\":2,\"data\":\"\"}");
        assertThat(m.knownType()).isNull();
        assertThat(m.brief()).startsWith("type 99");
    }

    @Test
    void candidatePayloadRoundTripsInTheDemoForm() throws SdpException {
        CandidatePayload p = new CandidatePayload("0", 0, CAND);
        assertThat(p.encode()).isEqualTo("\n0\n0\n" + CAND);
        assertThat(CandidatePayload.parse(p.encode())).isEqualTo(p);
    }

    @Test
    void candidatePayloadRefusesWhatTheDemoClientRefuses() {
        assertThatThrownBy(() -> CandidatePayload.parse("\n\n0\n" + CAND))
                .isInstanceOf(SdpException.class)
                .hasMessageContaining("empty mid");
        assertThatThrownBy(() -> CandidatePayload.parse("\n0\nx\n" + CAND)).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> CandidatePayload.parse("\n0\n0\ncandidate:garbage"))
                .hasMessageContaining("incomplete");
    }
}
