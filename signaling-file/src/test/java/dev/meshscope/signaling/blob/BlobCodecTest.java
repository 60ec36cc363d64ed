// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshscope.core.GodotError;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.core.sdp.SdpInfo;
import dev.meshscope.core.testing.Pump;
import dev.meshscope.core.testing.RuntimeExtension;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.message.SignalMessage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Good pastes in every accepted form, the blob format itself, and a real connection made through blobs only. */
@Tag("native")
class BlobCodecTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    private static RealDescriptions real;

    private static final List<TransferMode> EXTRAS = List.of(TransferMode.RELIABLE, TransferMode.UNRELIABLE);
    private static final PasteExpectation MESH_2 = PasteExpectation.of(2, NetworkMode.MESH, List.of());

    @BeforeAll
    static void make() {
        real = RealDescriptions.make(RT.get());
    }

    @AfterAll
    static void dispose() {
        real.close();
    }

    @Test
    void blobRoundTripsEveryFieldAndReportsTheFingerprint() {
        String blob = RealDescriptions.blob(DescriptionKind.OFFER, 3, 2, NetworkMode.MESH, EXTRAS, real.offer());
        assertThat(blob).startsWith("MSB1:").doesNotContain("\n", " ", "=", "+", "/");
        PasteResult r = BlobCodec.decode(blob, PasteExpectation.of(2, NetworkMode.MESH, EXTRAS));
        assertThat(r.ok()).as(r.message()).isTrue();
        Paste p = r.paste();
        assertThat(p.format()).isEqualTo(PasteFormat.MESHSCOPE_BLOB);
        assertThat(p.kind()).isEqualTo(DescriptionKind.OFFER);
        assertThat(p.from()).isEqualTo(3);
        assertThat(p.to()).isEqualTo(2);
        assertThat(p.mode()).isEqualTo(NetworkMode.MESH);
        assertThat(p.channels()).isEqualTo(EXTRAS);
        assertThat(p.sdp()).isEqualTo(SdpInfo.normalize(real.offer()));
        assertThat(p.fingerprint()).startsWith("sha-256 ").matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(r.message()).contains("offer from peer 3 to peer 2 (mesh)", p.fingerprint());
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void blobSurvivesMailLineBreaksQuotingAndQuotes() {
        String blob = RealDescriptions.blob(DescriptionKind.OFFER, 3, 2, NetworkMode.MESH, List.of(), real.offer());
        StringBuilder mail = new StringBuilder("  \u201c");
        for (int i = 0; i < blob.length(); i += 72) {
            mail.append("> ").append(blob, i, Math.min(blob.length(), i + 72)).append("\r\n");
        }
        mail.append("\u201d \n");
        PasteResult r = BlobCodec.decode(mail.toString(), MESH_2);
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.paste().sdp()).isEqualTo(SdpInfo.normalize(real.offer()));
    }

    @Test
    void rawSdpWithLfEndingsIsAcceptedWithTheSenderAssumedAndAWarning() {
        String lf = real.offer().replace("\r\n", "\n");
        PasteResult r = BlobCodec.decode("'" + lf + "'", MESH_2.assumingSender(3));
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.paste().format()).isEqualTo(PasteFormat.RAW_SDP);
        assertThat(r.paste().kind()).as("actpass means offer").isEqualTo(DescriptionKind.OFFER);
        assertThat(r.paste().from()).isEqualTo(3);
        assertThat(r.paste().sdp()).endsWith("\r\n").doesNotContain("\n\n");
        assertThat(r.warnings())
                .anySatisfy(w -> assertThat(w).contains("assuming it comes from peer 3"))
                .anySatisfy(w -> assertThat(w).contains("no channel configuration"));
    }

    @Test
    void rawAnswerIsTakenFromTheOnlyPendingOffer() {
        PasteExpectation three = PasteExpectation.of(3, NetworkMode.MESH, List.of())
                .expecting(PasteExpectation.Expect.ANSWER)
                .withPendingOffers(Set.of(2));
        PasteResult r = BlobCodec.decode(real.answer(), three);
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.paste().kind()).isEqualTo(DescriptionKind.ANSWER);
        assertThat(r.paste().from()).isEqualTo(2);
    }

    @Test
    void clientAssumesTheServerForARawOffer() {
        PasteResult r = BlobCodec.decode(real.offer(), PasteExpectation.of(4, NetworkMode.CLIENT, List.of()));
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.paste().from()).isEqualTo(1);
    }

    @Test
    void browserJsonIsAccepted() {
        String json = "{\"type\":\"offer\",\"sdp\":" + BadPasteCorpusTest.quote(real.offer()) + "}";
        PasteResult r = BlobCodec.decode(json, MESH_2.assumingSender(3));
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.paste().format()).isEqualTo(PasteFormat.BROWSER_JSON);
    }

    @Test
    void demoMessageCarriesItsSender() {
        String json = SignalJson.write(SignalMessage.of(MessageType.OFFER, 3, real.offer()));
        PasteResult r = BlobCodec.decode(json, MESH_2);
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.paste().format()).isEqualTo(PasteFormat.DEMO_MESSAGE);
        assertThat(r.paste().from()).isEqualTo(3);
    }

    @Test
    void encodeRefusesADescriptionWithoutCandidates() {
        assertThatThrownBy(() -> BlobCodec.encode(
                        new Blob(DescriptionKind.OFFER, 3, 2, NetworkMode.MESH, List.of(), real.early())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gathering is COMPLETE");
    }

    @Test
    void encodeRefusesAnAnswerMarkedAsOffer() {
        assertThatThrownBy(() -> BlobCodec.encode(
                        new Blob(DescriptionKind.OFFER, 2, 3, NetworkMode.MESH, List.of(), real.answer())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an offer");
    }

    @Test
    void blobHeaderRejectsNonsenseIds() {
        assertThatThrownBy(() -> new Blob(DescriptionKind.OFFER, 2, 2, NetworkMode.MESH, List.of(), real.offer()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Blob(DescriptionKind.OFFER, 0, 2, NetworkMode.MESH, List.of(), real.offer()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoPeersConnectThroughBlobsAlone() {
        WebRtcMultiplayerPeer server = new WebRtcMultiplayerPeer();
        WebRtcMultiplayerPeer client = new WebRtcMultiplayerPeer();
        server.createServer(EXTRAS);
        client.createClient(9, EXTRAS);
        var toServer = new dev.meshscope.core.WebRtcPeerConnection(real.runtime());
        client.addPeer(toServer, 1);
        toServer.createOffer();
        Pump.until(
                "client gathered",
                () -> toServer.getGatheringState() == dev.meshscope.core.GatheringState.COMPLETE,
                client::poll);
        String offer = RealDescriptions.blob(
                DescriptionKind.OFFER, 9, 1, NetworkMode.CLIENT, EXTRAS, toServer.getLocalDescription());

        PasteResult atServer = BlobCodec.decode(offer, PasteExpectation.of(1, NetworkMode.SERVER, EXTRAS));
        assertThat(atServer.ok()).as(atServer.message()).isTrue();
        var toClient = new dev.meshscope.core.WebRtcPeerConnection(real.runtime());
        assertThat(server.addPeer(toClient, atServer.paste().from())).isEqualTo(GodotError.OK);
        assertThat(toClient.setRemoteDescription(
                        atServer.paste().kind().type(), atServer.paste().sdp()))
                .isEqualTo(GodotError.OK);
        Pump.until(
                "server gathered",
                () -> toClient.getGatheringState() == dev.meshscope.core.GatheringState.COMPLETE
                        && !toClient.getLocalDescription().isEmpty(),
                server::poll);
        String answer = RealDescriptions.blob(
                DescriptionKind.ANSWER, 1, 9, NetworkMode.SERVER, EXTRAS, toClient.getLocalDescription());

        PasteResult atClient = BlobCodec.decode(
                answer,
                PasteExpectation.of(9, NetworkMode.CLIENT, EXTRAS)
                        .expecting(PasteExpectation.Expect.ANSWER)
                        .withPendingOffers(Set.of(1)));
        assertThat(atClient.ok()).as(atClient.message()).isTrue();
        assertThat(toServer.setRemoteDescription("answer", atClient.paste().sdp()))
                .isEqualTo(GodotError.OK);
        Pump.until(
                "connected",
                () -> client.getConnectionStatus() == dev.meshscope.core.ConnectionStatus.CONNECTED
                        && server.getPeer(9).connected(),
                client::poll,
                server::poll);
        assertThat(atClient.paste().fingerprint()).isNotEqualTo(atServer.paste().fingerprint());
        client.close();
        server.close();
    }
}
