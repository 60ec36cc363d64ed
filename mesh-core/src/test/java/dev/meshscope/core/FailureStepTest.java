// SPDX-License-Identifier: MIT
package dev.meshscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.event.MeshEvent;
import dev.meshscope.core.testing.Pump;
import dev.meshscope.core.testing.RuntimeExtension;
import dev.meshscope.core.testing.SignalEnd;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every failure names the step that failed, synchronous or not, so front ends never match operation strings. */
@Tag("native")
class FailureStepTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    @Test
    void synchronousFailuresNameTheirStep() {
        WebRtcMultiplayerPeer p = new WebRtcMultiplayerPeer();
        assertThat(p.addPeer(null, 2)).isEqualTo(GodotError.ERR_UNCONFIGURED);
        assertThat(p.getLastFailure().step()).isEqualTo(Step.ADD_PEER);
        assertThat(p.createClient(1)).isEqualTo(GodotError.ERR_INVALID_PARAMETER);
        assertThat(p.getLastFailure().step()).isEqualTo(Step.CREATE_CLIENT);
        assertThat(p.putPacket(new byte[1])).isEqualTo(GodotError.ERR_UNCONFIGURED);
        assertThat(p.getLastFailure().step()).isEqualTo(Step.PUT_PACKET);
        assertThat(p.getLastFailure().operation()).isEqualTo("putPacket");
        WebRtcPeerConnection c = new WebRtcPeerConnection(RT.get());
        assertThat(c.setRemoteDescription("offer", "garbage")).isEqualTo(GodotError.FAILED);
        assertThat(c.getLastFailure().step()).isEqualTo(Step.SET_REMOTE_DESCRIPTION);
        assertThat(c.addIceCandidate("0", 0, "garbage")).isEqualTo(GodotError.FAILED);
        assertThat(c.getLastFailure().step()).isEqualTo(Step.ADD_ICE_CANDIDATE);
        assertThat(Step.ADD_ICE_CANDIDATE.endsNegotiation())
                .as("a bad candidate leaves the rest usable")
                .isFalse();
        assertThat(Step.CREATE_ANSWER.endsNegotiation()).isTrue();
        c.close();
        assertThat(c.createOffer()).isEqualTo(GodotError.FAILED);
        assertThat(c.getLastFailure().step()).isEqualTo(Step.CREATE_OFFER);
    }

    /**
     * libwebrtc refuses a description only after accepting the call (here: a data section whose ICE password is
     * too short for it); the failure arrives from poll() as SET_REMOTE_DESCRIPTION, and ends the negotiation.
     */
    @Test
    void anAsynchronousRefusalArrivesAsItsStep() {
        try (SignalEnd offerer = new SignalEnd(RT.get());
                SignalEnd answerer = new SignalEnd(RT.get())) {
            String offer = offerer.offer();
            List<MeshEvent.ErrorRaised> errors = new ArrayList<>();
            answerer.pc.addEventListener(e -> {
                if (e instanceof MeshEvent.ErrorRaised err) {
                    errors.add(err);
                }
            });
            String tampered = offer.replaceFirst("a=ice-pwd:\\S+", "a=ice-pwd:short");
            assertThat(tampered).isNotEqualTo(offer);
            assertThat(answerer.pc.setRemoteDescription("offer", tampered))
                    .as("accepted for applying")
                    .isEqualTo(GodotError.OK);
            Pump.until("the refusal", () -> !errors.isEmpty(), answerer.pc::poll);
            assertThat(errors.get(0).step()).isEqualTo(Step.SET_REMOTE_DESCRIPTION);
            assertThat(errors.get(0).reason()).startsWith("libwebrtc: ");
            assertThat(answerer.pc.setRemoteDescription("offer", offer))
                    .as("the negotiation has ended")
                    .isEqualTo(GodotError.FAILED);
        }
    }

    /** Negative twin of the refusal above: a harmless edit in transit (an extra attribute) still connects. */
    @Test
    void aHarmlessEditInTransitStillConnects() {
        try (SignalEnd a = new SignalEnd(RT.get());
                SignalEnd b = new SignalEnd(RT.get())) {
            SignalEnd.connect(a, b, sdp -> sdp.replace("a=setup:", "a=x-meshscope-test:1\r\na=setup:"));
            assertThat(a.pc.getLastFailure()).isNull();
            assertThat(b.pc.getLastFailure()).isNull();
        }
    }
}
