// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import dev.meshscope.core.testing.RuntimeExtension;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.message.SignalMessage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The corpus of bad pastes, one test each: every one is refused with its own problem and a message that says
 * what is wrong and what to do. All are derived from real descriptions made by webrtc-java.
 */
@Tag("native")
class BadPasteCorpusTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    private static RealDescriptions real;

    /** Mesh peer 2 waiting for an offer from anyone. */
    private static final PasteExpectation MESH_2 = PasteExpectation.of(2, NetworkMode.MESH, List.of());
    /** Mesh peer 3 that offered to 2 and waits for its answer. */
    private static final PasteExpectation MESH_3_WAITING = PasteExpectation.of(3, NetworkMode.MESH, List.of())
            .expecting(PasteExpectation.Expect.ANSWER)
            .withPendingOffers(Set.of(2));

    @BeforeAll
    static void make() {
        real = RealDescriptions.make(RT.get());
    }

    @AfterAll
    static void dispose() {
        real.close();
    }

    private static String offerBlob() {
        return RealDescriptions.blob(DescriptionKind.OFFER, 3, 2, NetworkMode.MESH, List.of(), real.offer());
    }

    private static PasteResult refused(String paste, PasteExpectation e, PasteProblem problem, String... words) {
        PasteResult r = BlobCodec.decode(paste, e);
        assertThat(r.ok()).as("refused: " + r.message()).isFalse();
        assertThat(r.problem()).as(r.message()).isEqualTo(problem);
        assertThat(r.paste()).isNull();
        for (String w : words) {
            assertThat(r.message()).containsIgnoringCase(w);
        }
        return r;
    }

    @Test
    void theGoodOfferItIsDerivedFromIsAccepted() {
        PasteResult r = BlobCodec.decode(offerBlob(), MESH_2);
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void emptyPaste() {
        refused("  \n\t ", MESH_2, PasteProblem.EMPTY, "nothing was pasted");
    }

    @Test
    void largerThanAnyDescription() {
        refused(offerBlob() + "A".repeat(BlobCodec.MAX_PASTE_CHARS), MESH_2, PasteProblem.TOO_LARGE, "single blob");
    }

    @Test
    void inflatesToMoreThanAnyDescription() {
        String bomb = "{\"v\":1,\"sdp\":\"" + "x".repeat(PasteReader.MAX_JSON_BYTES) + "\"}";
        refused(BlobCodec.PREFIX + deflate(bomb), MESH_2, PasteProblem.TOO_LARGE, "unpacks to more than");
    }

    @Test
    void notADescriptionAtAll() {
        refused("hello, here is my offer!", MESH_2, PasteProblem.NOT_A_DESCRIPTION, "MSB1:", "v=0");
    }

    @Test
    void demoCandidateMessageIsNotADescription() {
        String json = SignalJson.write(
                SignalMessage.of(MessageType.CANDIDATE, 3, "\n0\n0\n" + "candidate:1 1 udp 1 10.77.0.1 5000 typ host"));
        refused(json, MESH_2, PasteProblem.NOT_A_DESCRIPTION, "CANDIDATE", "OFFER (4)");
    }

    @Test
    void blobOfANewerFormatVersion() {
        refused(
                "MSB2:" + offerBlob().substring(5),
                MESH_2,
                PasteProblem.UNSUPPORTED_VERSION,
                "version 2",
                "same MeshScope");
    }

    @Test
    void blobCutInHalf() {
        String b = offerBlob();
        refused(b.substring(0, b.length() / 2), MESH_2, PasteProblem.TRUNCATED, "cut", "whole line");
    }

    @Test
    void blobWithAForeignCharacter() {
        String b = offerBlob();
        int mid = b.length() / 2;
        refused(b.substring(0, mid) + "+" + b.substring(mid + 1), MESH_2, PasteProblem.CORRUPTED, "\"+\"", "altered");
    }

    @Test
    void blobWhoseChecksumDoesNotMatchItsContent() {
        BlobBody good = new BlobBody(
                        1,
                        "offer",
                        3,
                        2,
                        "mesh",
                        List.of(),
                        real.offer().replace("\r\n", "\n").replace("\n", "\r\n"),
                        null)
                .sealed();
        BlobBody tampered =
                new BlobBody(1, "offer", 3, 2, "mesh", List.of(), good.sdp().replace("a=mid:0", "a=mid:1"), good.sum());
        refused(BlobCodec.PREFIX + deflate(json(tampered)), MESH_2, PasteProblem.CORRUPTED, "checksum");
    }

    @Test
    void blobWithAGarbledCompressedStream() {
        byte[] raw = Base64.getUrlDecoder().decode(offerBlob().substring(5));
        raw[raw.length / 3] ^= 0x5A;
        raw[raw.length / 3 + 1] ^= 0x33;
        PasteResult r = BlobCodec.decode(
                BlobCodec.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw), MESH_2);
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).as(r.message()).isIn(PasteProblem.CORRUPTED, PasteProblem.TRUNCATED);
        assertThat(r.message()).containsIgnoringCase("again");
    }

    @Test
    void truncatedBrowserJson() {
        String json = "{\"type\":\"offer\",\"sdp\":\"" + real.offer().replace("\r\n", "\\r\\n");
        refused(json, MESH_2, PasteProblem.TRUNCATED, "ends early");
    }

    @Test
    void answerPastedWhereAnOfferIsExpected() {
        String answer = RealDescriptions.blob(DescriptionKind.ANSWER, 3, 2, NetworkMode.MESH, List.of(), real.answer());
        refused(
                answer,
                MESH_2.expecting(PasteExpectation.Expect.OFFER),
                PasteProblem.WRONG_KIND,
                "answer",
                "made no offer");
    }

    @Test
    void offerPastedWhereAnAnswerIsExpected() {
        String offer = RealDescriptions.blob(DescriptionKind.OFFER, 2, 3, NetworkMode.MESH, List.of(), real.offer());
        refused(offer, MESH_3_WAITING, PasteProblem.WRONG_KIND, "this is an offer", "expects the answer");
    }

    @Test
    void rawAnswerWhoseRoleSaysOfferIsRefused() {
        String json = "{\"type\":\"answer\",\"sdp\":" + quote(real.offer()) + "}";
        refused(json, MESH_3_WAITING, PasteProblem.WRONG_KIND, "actpass");
    }

    @Test
    void crossedOffers() {
        String offer = RealDescriptions.blob(DescriptionKind.OFFER, 2, 3, NetworkMode.MESH, List.of(), real.offer());
        refused(
                offer,
                MESH_3_WAITING.expecting(PasteExpectation.Expect.ANY),
                PasteProblem.WRONG_KIND,
                "made an offer too",
                "peer 3");
    }

    @Test
    void addressedToAnotherPeer() {
        String toFive = RealDescriptions.blob(DescriptionKind.OFFER, 3, 5, NetworkMode.MESH, List.of(), real.offer());
        refused(toFive, MESH_2, PasteProblem.WRONG_ADDRESSEE, "addressed to peer 5", "this peer is 2");
    }

    @Test
    void ownOfferPastedBack() {
        refused(
                offerBlob(),
                PasteExpectation.of(3, NetworkMode.MESH, List.of()),
                PasteProblem.OWN_DESCRIPTION,
                "own offer");
    }

    @Test
    void clientGivenAnOfferFromAnotherClient() {
        String fromFive =
                RealDescriptions.blob(DescriptionKind.OFFER, 5, 2, NetworkMode.CLIENT, List.of(), real.offer());
        refused(
                fromFive,
                PasteExpectation.of(2, NetworkMode.CLIENT, List.of()),
                PasteProblem.UNACCEPTABLE_SENDER,
                "only connects to the server, peer 1",
                "peer 5");
    }

    @Test
    void serverGivenAnOfferFromAnotherServer() {
        String fromOne =
                RealDescriptions.blob(DescriptionKind.OFFER, 1, 4, NetworkMode.SERVER, List.of(), real.offer());
        refused(fromOne, PasteExpectation.of(1, NetworkMode.SERVER, List.of()), PasteProblem.OWN_DESCRIPTION);
        refused(
                fromOne,
                PasteExpectation.of(4, NetworkMode.SERVER, List.of()),
                PasteProblem.UNACCEPTABLE_SENDER,
                "two servers");
    }

    @Test
    void meshOfferPastedIntoAClient() {
        String meshOne = RealDescriptions.blob(DescriptionKind.OFFER, 1, 2, NetworkMode.MESH, List.of(), real.offer());
        refused(
                meshOne,
                PasteExpectation.of(2, NetworkMode.CLIENT, List.of()),
                PasteProblem.MODE_MISMATCH,
                "mesh",
                "matching modes");
    }

    @Test
    void mismatchedExtraChannels() {
        String withExtras = RealDescriptions.blob(
                DescriptionKind.OFFER,
                3,
                2,
                NetworkMode.MESH,
                List.of(TransferMode.RELIABLE, TransferMode.UNRELIABLE),
                real.offer());
        refused(
                withExtras,
                MESH_2,
                PasteProblem.CHANNEL_MISMATCH,
                "[reliable, unreliable] (2,0)",
                "no extra channels",
                "identical channels_config");
    }

    @Test
    void answerFromAPeerThatWasNotOfferedTo() {
        String fromSeven =
                RealDescriptions.blob(DescriptionKind.ANSWER, 7, 3, NetworkMode.MESH, List.of(), real.answer());
        refused(fromSeven, MESH_3_WAITING, PasteProblem.NO_PENDING_OFFER, "no offer to peer 7", "[2]");
    }

    @Test
    void staleAnswerSaysTheOfferNoLongerExists() {
        String fromFive =
                RealDescriptions.blob(DescriptionKind.ANSWER, 5, 2, NetworkMode.MESH, List.of(), real.answer());
        PasteResult r = refused(
                fromFive,
                MESH_2,
                PasteProblem.WRONG_KIND,
                "peer 5's answer to an offer from peer 2",
                "no longer exists",
                "Add peer 5 again");
        assertThat(r.message())
                .as("it does not send the operator to another peer")
                .doesNotContain("remote");
        refused(
                fromFive,
                MESH_2.withPendingOffers(Set.of(7)),
                PasteProblem.NO_PENDING_OFFER,
                "no longer exists",
                "waits for answers from [7]");
    }

    @Test
    void rawSdpWithNoWayToTellTheSender() {
        refused(real.offer(), MESH_2, PasteProblem.UNKNOWN_SENDER, "--remote-id");
    }

    @Test
    void noDataChannelSection() {
        String audioOnly = real.offer().replaceFirst("m=application [^\r\n]*", "m=audio 9 UDP/TLS/RTP/SAVPF 111");
        refused(rawFrom3(audioOnly), MESH_2, PasteProblem.NO_DATA_CHANNEL, "m=application");
    }

    @Test
    void rejectedDataChannelSection() {
        String rejected = real.offer().replaceFirst("m=application \\d+", "m=application 0");
        refused(rawFrom3(rejected), MESH_2, PasteProblem.NO_DATA_CHANNEL, "port is 0");
    }

    @Test
    void noDtlsFingerprint() {
        String bare = real.offer().replaceAll("a=fingerprint:[^\r\n]*\r\n", "");
        refused(rawFrom3(bare), MESH_2, PasteProblem.NO_FINGERPRINT, "fingerprint");
    }

    @Test
    void copiedBeforeGatheringFinished() {
        assertThat(real.early()).doesNotContain("a=candidate");
        refused(rawFrom3(real.early()), MESH_2, PasteProblem.NO_CANDIDATES, "before gathering finished");
    }

    @Test
    void rawSdpCutBeforeItsOriginLine() {
        refused(rawFrom3("v=0\r\ns=-\r\n"), MESH_2, PasteProblem.BAD_SDP, "o=");
    }

    @Test
    void rawSdpCutAfterItsSessionPart() {
        String offer = real.offer();
        String head = offer.substring(0, offer.indexOf("m=application"));
        refused(rawFrom3(head), MESH_2, PasteProblem.NO_DATA_CHANNEL);
    }

    @Test
    void aGarbageCandidateLine() {
        String bad =
                real.offer().replaceFirst("a=candidate:[^\r\n]*", "a=candidate:1 1 udp notanumber 10.0.0.1 9 typ host");
        refused(rawFrom3(bad), MESH_2, PasteProblem.BAD_SDP, "not a valid number");
    }

    @Test
    void refusingAPasteChangesNothing() {
        // The same expectation and text give the same verdict, and the real offerer is untouched by decoding.
        String cut = offerBlob().substring(0, 50);
        PasteResult first = BlobCodec.decode(cut, MESH_3_WAITING);
        PasteResult second = BlobCodec.decode(cut, MESH_3_WAITING);
        assertThat(second).isEqualTo(first);
        assertThat(real.offerer().getPeers()).containsOnlyKeys(2);
        assertThat(real.offerer().getPeer(2).connection().getSignalingState().name())
                .isEqualTo("HAVE_LOCAL_OFFER");
    }

    /** A demo OFFER message from peer 3, so the sender is known and only the SDP is judged. */
    private static String rawFrom3(String sdp) {
        return SignalJson.write(SignalMessage.of(MessageType.OFFER, 3, sdp));
    }

    static String json(BlobBody b) {
        try {
            return SignalJson.MAPPER.writeValueAsString(b);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String quote(String s) {
        try {
            return SignalJson.MAPPER.writeValueAsString(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String deflate(String s) {
        Deflater d = new Deflater();
        d.setInput(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }
}
