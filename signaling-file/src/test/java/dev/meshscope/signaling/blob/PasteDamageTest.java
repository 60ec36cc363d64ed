// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.testing.RuntimeExtension;
import dev.meshscope.signaling.message.MessageType;
import dev.meshscope.signaling.message.SignalJson;
import dev.meshscope.signaling.message.SignalMessage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 8, pastes: what a paste went through on its way is named, several descriptions or extra text are refused,
 * and the harmless variants (a byte-order mark, a demo type written 4.0) are accepted. Every refusal has an
 * accepted twin that differs only by the damage. All pastes derive from real webrtc-java descriptions.
 */
@Tag("native")
class PasteDamageTest {
    @RegisterExtension
    static final RuntimeExtension RT = new RuntimeExtension();

    private static RealDescriptions real;

    /** Mesh peer 2 waiting for an offer; raw pastes are assumed to come from peer 3. */
    private static final PasteExpectation MESH_2 =
            PasteExpectation.of(2, NetworkMode.MESH, List.of()).assumingSender(3);

    @BeforeAll
    static void make() {
        real = RealDescriptions.make(RT.get());
    }

    @AfterAll
    static void dispose() {
        real.close();
    }

    private static String blob() {
        return RealDescriptions.blob(DescriptionKind.OFFER, 3, 2, NetworkMode.MESH, List.of(), real.offer());
    }

    private static String browser(String sdp) {
        return "{\"type\":\"offer\",\"sdp\":" + BadPasteCorpusTest.quote(sdp) + "}";
    }

    private static String demo(int id, String sdp) {
        return SignalJson.write(new SignalMessage(MessageType.OFFER.code(), id, sdp));
    }

    private static void accepted(String paste) {
        PasteResult r = BlobCodec.decode(paste, MESH_2);
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    private static void refused(String paste, PasteProblem problem, String... words) {
        PasteResult r = BlobCodec.decode(paste, MESH_2);
        assertThat(r.ok()).as("refused: " + r.message()).isFalse();
        assertThat(r.problem()).as(r.message()).isEqualTo(problem);
        for (String w : words) {
            assertThat(r.message()).containsIgnoringCase(w);
        }
    }

    // ---------------------------------------------------------------- several descriptions, extra text

    @Test
    void twoBlobsOnTwoLinesAreRefusedOneIsAccepted() {
        refused(blob() + "\n" + blob(), PasteProblem.SEVERAL_DESCRIPTIONS, "2 MeshScope blobs", "one at a time");
        accepted(blob() + "\n");
    }

    @Test
    void hundredOffersAsLinesOrConcatenatedAreRefused() {
        String lines = String.join("\n", java.util.Collections.nCopies(100, blob()));
        String joined = String.join("", java.util.Collections.nCopies(100, blob()));
        refused(lines, PasteProblem.SEVERAL_DESCRIPTIONS, "100 MeshScope blobs");
        refused(joined, PasteProblem.SEVERAL_DESCRIPTIONS, "100 MeshScope blobs");
        String jsons = String.join("\n", java.util.Collections.nCopies(100, browser(real.offer())));
        refused(jsons, PasteProblem.SEVERAL_DESCRIPTIONS, "100 JSON objects");
        refused(
                String.join("", java.util.Collections.nCopies(100, real.offer())),
                PasteProblem.SEVERAL_DESCRIPTIONS,
                "100 SDPs");
    }

    @Test
    void twoJsonObjectsAreRefusedOneIsAccepted() {
        refused(browser(real.offer()) + browser(real.offer()), PasteProblem.SEVERAL_DESCRIPTIONS, "2 JSON objects");
        accepted(browser(real.offer()) + "\n\n");
    }

    @Test
    void jsonFollowedByAnythingIsRefused() {
        refused(browser(real.offer()) + "\nthanks, Bob", PasteProblem.EXTRA_TEXT, "followed by other text", "line 2");
        refused(demo(3, real.offer()) + " }", PasteProblem.EXTRA_TEXT, "followed by other text");
        refused(browser(real.offer()) + "\n" + real.offer(), PasteProblem.EXTRA_TEXT, "followed by other text");
        accepted(demo(3, real.offer()) + "   ");
    }

    @Test
    void sdpFollowedByAnythingIsRefused() {
        refused(
                real.offer() + "\r\n-- \r\nsent from my phone\r\n",
                PasteProblem.EXTRA_TEXT,
                "followed by other text",
                "line 2",
                "\"--\"");
        refused(real.offer() + blob(), PasteProblem.SEVERAL_DESCRIPTIONS, "1 blob(s), 1 SDP(s)");
        accepted(real.offer() + "\r\n\r\n\r\n");
    }

    @Test
    void severalSdpsConcatenatedAreNamed() {
        refused(real.offer() + real.offer(), PasteProblem.SEVERAL_DESCRIPTIONS, "2 SDPs");
        refused(demo(3, real.offer() + real.offer()), PasteProblem.SEVERAL_DESCRIPTIONS, "2 SDPs concatenated");
        accepted(demo(3, real.offer()));
    }

    // ---------------------------------------------------------------- ids and types of demo messages

    @Test
    void demoIdOutsideThePeerIdRangeIsRefusedNotAssumed() {
        for (String id : List.of("0", "-5", "3000000000", "2.5")) {
            String paste = "{\"type\":4,\"id\":" + id + ",\"data\":" + BadPasteCorpusTest.quote(real.offer()) + "}";
            refused(paste, PasteProblem.INVALID_ID, "from peer " + id, "1..2147483647");
        }
        PasteResult ok = BlobCodec.decode(demo(3, real.offer()), PasteExpectation.of(2, NetworkMode.MESH, List.of()));
        assertThat(ok.ok()).as(ok.message()).isTrue();
        assertThat(ok.paste().from()).isEqualTo(3);
        assertThat(ok.warnings()).noneMatch(w -> w.contains("assuming"));
    }

    @Test
    void demoTypeWrittenAsAFloatIsAcceptedAFractionIsNot() {
        String data = BadPasteCorpusTest.quote(real.offer());
        PasteResult r = BlobCodec.decode("{\"type\":4.0,\"id\":3.0,\"data\":" + data + "}", MESH_2);
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.paste().kind()).isEqualTo(DescriptionKind.OFFER);
        assertThat(r.paste().from()).isEqualTo(3);
        refused("{\"type\":4.5,\"id\":3,\"data\":" + data + "}", PasteProblem.NOT_A_DESCRIPTION, "integer \"type\"");
    }

    // ---------------------------------------------------------------- fingerprints

    @Test
    void fingerprintThatIsNotHexPairsIsRefusedUpFront() {
        String bad = real.offer().replaceAll("(a=fingerprint:sha-256 )([0-9A-F]{2}):", "$1ZZ:");
        refused(demo(3, bad), PasteProblem.BAD_FINGERPRINT, "not hex pairs", "copy the description again");
        String lower = java.util.regex.Pattern.compile("a=fingerprint:[^\r\n]*")
                .matcher(real.offer())
                .replaceAll(m -> m.group().toLowerCase(java.util.Locale.ROOT));
        accepted(demo(3, lower));
    }

    @Test
    void fingerprintNamingAnUnknownHashIsRefused() {
        refused(
                demo(3, real.offer().replace("a=fingerprint:sha-256", "a=fingerprint:sha-999")),
                PasteProblem.BAD_FINGERPRINT,
                "\"sha-999\"",
                "known: sha-256");
        accepted(demo(3, real.offer()));
    }

    @Test
    void fingerprintOfTheWrongLengthIsRefused() {
        String cut = real.offer().replaceAll("(a=fingerprint:sha-256 [0-9A-F:]*):[0-9A-F]{2}(\r\n)", "$1$2");
        refused(demo(3, cut), PasteProblem.BAD_FINGERPRINT, "31 byte pairs", "has 32");
    }

    // ---------------------------------------------------------------- byte-order mark and invisible characters

    @Test
    void leadingByteOrderMarkIsAcceptedOneInsideIsNamed() {
        accepted("\uFEFF" + blob());
        accepted("\uFEFF" + browser(real.offer()));
        accepted("\uFEFF" + real.offer());
        String offer = real.offer();
        int third = offer.indexOf("\r\n", offer.indexOf("\r\n") + 2) + 2;
        refused(
                offer.substring(0, third) + "\uFEFF" + offer.substring(third),
                PasteProblem.CORRUPTED,
                "line 3",
                "byte-order mark");
    }

    @Test
    void zeroWidthAndNonBreakingSpacesAreNamedWithTheirLine() {
        String[] lines = real.offer().split("\r\n");
        lines[4] = lines[4] + "\u200B";
        refused(String.join("\r\n", lines) + "\r\n", PasteProblem.CORRUPTED, "line 5", "zero-width space", "U+200B");
        String nbsp = real.offer().replaceFirst("IN IP4", "IN\u00A0IP4");
        refused(nbsp, PasteProblem.CORRUPTED, "line 2", "non-breaking space");
        refused(browser(nbsp), PasteProblem.CORRUPTED, "line 2 of the SDP", "non-breaking space");
        String b = blob();
        refused(b.substring(0, 40) + "\u200B" + b.substring(40), PasteProblem.CORRUPTED, "line 1", "zero-width space");
        accepted(real.offer());
    }

    // ---------------------------------------------------------------- lost or escaped line breaks

    @Test
    void sdpWhoseLineBreaksWereLostIsNamed() {
        refused(real.offer().replace("\r\n", " "), PasteProblem.CORRUPTED, "line breaks were lost", "one line");
        refused(demo(3, real.offer().replace("\r\n", " ")), PasteProblem.CORRUPTED, "line breaks were lost");
        accepted(real.offer().replace("\r\n", "\n"));
    }

    @Test
    void literalBackslashEscapesAreNamed() {
        refused(real.offer().replace("\r\n", "\\r\\n"), PasteProblem.CORRUPTED, "literal \\r\\n escapes");
        refused(demo(3, real.offer().replace("\r\n", "\\r\\n")), PasteProblem.CORRUPTED, "literal \\r\\n escapes");
        refused(BadPasteCorpusTest.quote(real.offer()), PasteProblem.CORRUPTED, "SDP written as a JSON string");
        accepted(demo(3, real.offer()));
    }

    // ---------------------------------------------------------------- wrapped, encoded twice, HTML

    @Test
    void jsonWrappedInsideAStringIsNamed() {
        refused(demo(3, browser(real.offer())), PasteProblem.CORRUPTED, "is itself JSON", "wrapped inside a string");
        refused(BadPasteCorpusTest.quote(browser(real.offer())), PasteProblem.CORRUPTED, "encoded twice");
        refused(
                browser(BadPasteCorpusTest.quote(real.offer())),
                PasteProblem.CORRUPTED,
                "encoded as a JSON string twice");
        accepted(browser(real.offer()));
    }

    @Test
    void htmlEscapedPasteIsNamed() {
        String html = browser(real.offer()).replace("\"", "&quot;");
        refused(html, PasteProblem.CORRUPTED, "HTML-escaped", "&quot;");
        accepted("\"" + blob() + "\"");
    }

    @Test
    void sdpNullOrANumberIsNamed() {
        refused("{\"type\":\"offer\",\"sdp\":null}", PasteProblem.NOT_A_DESCRIPTION, "\"sdp\": null", "copied before");
        refused("{\"type\":\"offer\",\"sdp\":42}", PasteProblem.NOT_A_DESCRIPTION, "a number", "not the SDP text");
        accepted(browser(real.offer()));
    }

    @Test
    void refusalsChangeNothingAndSayWhatToDo() {
        String paste = blob() + "\n" + blob();
        PasteResult first = BlobCodec.decode(paste, MESH_2);
        assertThat(BlobCodec.decode(paste, MESH_2)).isEqualTo(first);
        assertThat(first.message()).contains("nothing was applied");
        assertThat(real.offerer().getPeer(2).connection().getSignalingState().name())
                .isEqualTo("HAVE_LOCAL_OFFER");
    }

    // ---------------------------------------------------------------- line-by-line readers

    @Test
    void incompleteTellsAReaderToWaitForTheRestOfAPaste() {
        String b = blob();
        assertThat(BlobCodec.incomplete(b.substring(0, b.length() / 2))).isTrue();
        assertThat(BlobCodec.incomplete(b)).isFalse();
        assertThat(BlobCodec.incomplete("{\n  \"type\": \"offer\",\n")).isTrue();
        assertThat(BlobCodec.incomplete(browser(real.offer()))).isFalse();
        assertThat(BlobCodec.incomplete("> v=0\n> o=- 1 2 IN IP4 127.0.0.1\n"))
                .as("mail-quoted raw SDP")
                .isTrue();
        assertThat(BlobCodec.incomplete("\uFEFFv=0\n")).isTrue();
        assertThat(BlobCodec.incomplete("hello")).isFalse();
    }
}
