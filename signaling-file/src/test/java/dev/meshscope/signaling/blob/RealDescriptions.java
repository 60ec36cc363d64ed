// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.GatheringState;
import dev.meshscope.core.GodotError;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.WebRtcPeerConnection;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.core.testing.Pump;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real descriptions made by real webrtc-java connections on the test thread: mesh peer 3 offers to mesh peer 2
 * (the larger id offers), peer 2 answers. Every corpus entry is derived from these, so the codec is tested on
 * what libwebrtc really writes.
 *
 * @param offerer  mesh peer 3 holding its connection to 2 (offer applied, waiting for the answer)
 * @param answerer mesh peer 2 holding its connection to 3 (answer applied)
 * @param early    the offer as session_description_created delivers it, before gathering (no candidates)
 * @param offer    the complete offer (every candidate)
 * @param answer   the complete answer
 */
record RealDescriptions(
        WebRtcRuntime runtime,
        WebRtcMultiplayerPeer offerer,
        WebRtcMultiplayerPeer answerer,
        String early,
        String offer,
        String answer) {

    /** Encodes a blob (the codec's own encoder; the corpus derives its bad pastes from these). */
    static String blob(
            DescriptionKind kind, int from, int to, NetworkMode mode, List<TransferMode> channels, String sdp) {
        return BlobCodec.encode(new Blob(kind, from, to, mode, channels, sdp));
    }

    static RealDescriptions make(WebRtcRuntime rt) {
        WebRtcMultiplayerPeer three = new WebRtcMultiplayerPeer();
        WebRtcMultiplayerPeer two = new WebRtcMultiplayerPeer();
        assertThat(three.createMesh(3)).isEqualTo(GodotError.OK);
        assertThat(two.createMesh(2)).isEqualTo(GodotError.OK);
        WebRtcPeerConnection to2 = new WebRtcPeerConnection(rt);
        WebRtcPeerConnection to3 = new WebRtcPeerConnection(rt);
        assertThat(three.addPeer(to2, 2)).isEqualTo(GodotError.OK);
        assertThat(two.addPeer(to3, 3)).isEqualTo(GodotError.OK);
        AtomicReference<String> early = new AtomicReference<>();
        to2.addListener(new WebRtcPeerConnection.Listener() {
            @Override
            public void sessionDescriptionCreated(String type, String sdp) {
                early.set(sdp);
            }
        });
        assertThat(to2.createOffer()).isEqualTo(GodotError.OK);
        Pump.until(
                "offer gathered",
                () -> to2.getGatheringState() == GatheringState.COMPLETE && early.get() != null,
                three::poll);
        String offer = to2.getLocalDescription();
        assertThat(to3.setRemoteDescription("offer", offer)).isEqualTo(GodotError.OK);
        Pump.until(
                "answer gathered",
                () -> to3.getGatheringState() == GatheringState.COMPLETE
                        && !to3.getLocalDescription().isEmpty(),
                two::poll);
        return new RealDescriptions(rt, three, two, early.get(), offer, to3.getLocalDescription());
    }

    void close() {
        offerer.close();
        answerer.close();
    }
}
