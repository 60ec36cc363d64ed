// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How terminal lines become pastes: one-line forms at once, wrapped blobs when whole, raw SDPs at an empty line. */
class PasteAccumulatorTest {
    /** A syntactically complete blob of an arbitrary payload: completeness is all the accumulator judges. */
    private static final String BLOB = "MSB1:"
            + java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            deflate(
                                    "{\"v\":1,\"type\":\"offer\",\"from\":2,\"to\":1,\"mode\":\"client\",\"channels\":[],\"sdp\":\"v=0\"}"));

    private static byte[] deflate(String s) {
        java.util.zip.Deflater d = new java.util.zip.Deflater();
        d.setInput(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        d.finish();
        byte[] buf = new byte[4096];
        int n = d.deflate(buf);
        d.end();
        return java.util.Arrays.copyOf(buf, n);
    }

    @Test
    void oneLineBlobIsCompleteAtOnce() {
        PasteAccumulator a = new PasteAccumulator();
        assertThat(a.line(BLOB)).isEqualTo(BLOB + "\n");
        assertThat(a.pending()).isFalse();
    }

    @Test
    void blobWrappedByAMailClientIsCompleteWhenItsLastLineArrives() {
        PasteAccumulator a = new PasteAccumulator();
        int cut = BLOB.length() / 2;
        assertThat(a.line(BLOB.substring(0, cut))).isNull();
        assertThat(a.pending()).isTrue();
        assertThat(a.line(BLOB.substring(cut))).isEqualTo(BLOB.substring(0, cut) + "\n" + BLOB.substring(cut) + "\n");
    }

    @Test
    void rawSdpEndsAtAnEmptyLine() {
        PasteAccumulator a = new PasteAccumulator();
        assertThat(a.line("v=0")).isNull();
        assertThat(a.line("o=- 1 2 IN IP4 127.0.0.1")).isNull();
        assertThat(a.line("")).isEqualTo("v=0\no=- 1 2 IN IP4 127.0.0.1\n");
    }

    @Test
    void garbageIsPassedOnAtOnceToBeRefusedWithAReason() {
        PasteAccumulator a = new PasteAccumulator();
        assertThat(a.line("hello")).isEqualTo("hello\n");
        assertThat(a.flush()).isNull();
    }

    @Test
    void anEmptyLineOnItsOwnIsAnEmptyPasteToBeRefused() {
        PasteAccumulator a = new PasteAccumulator();
        assertThat(a.line("   "))
                .as("judged (and refused as EMPTY), not silently dropped")
                .isEqualTo("");
        assertThat(a.line(BLOB)).isEqualTo(BLOB + "\n");
        assertThat(a.line("")).isEqualTo("");
    }

    @Test
    void emptyLinesThatEndAPastedBurstAreNotEmptyPastes() {
        PasteAccumulator a = new PasteAccumulator();
        assertThat(a.line("v=0", true)).isNull();
        assertThat(a.line("o=- 1 2 IN IP4 127.0.0.1", true)).isNull();
        assertThat(a.line("", true)).isEqualTo("v=0\no=- 1 2 IN IP4 127.0.0.1\n");
        assertThat(a.line("", true)).isNull();
        assertThat(a.line("", false)).isNull();
        assertThat(a.pending()).isFalse();
    }

    @Test
    void prettyPrintedJsonIsOnePasteWhenItsLastLineArrives() {
        PasteAccumulator a = new PasteAccumulator();
        assertThat(a.line("{")).isNull();
        assertThat(a.line("  \"type\": \"offer\","))
                .as("cut after an entry: wait, do not judge")
                .isNull();
        assertThat(a.line("  \"sdp\": \"v=0\\r\\n\"")).isNull();
        assertThat(a.line("}")).isEqualTo("{\n  \"type\": \"offer\",\n  \"sdp\": \"v=0\\r\\n\"\n}\n");
    }

    @Test
    void mailQuotedRawSdpIsOnePasteNotOnePerLine() {
        PasteAccumulator a = new PasteAccumulator();
        assertThat(a.line("> v=0")).isNull();
        assertThat(a.line("> o=- 1 2 IN IP4 127.0.0.1")).isNull();
        assertThat(a.line("> s=-")).isNull();
        assertThat(a.line("")).isEqualTo("> v=0\n> o=- 1 2 IN IP4 127.0.0.1\n> s=-\n");
    }

    @Test
    void hundredLinesPastedTogetherAreOnePaste() {
        PasteAccumulator a = new PasteAccumulator();
        for (int i = 0; i < 99; i++) {
            assertThat(a.line(BLOB, true)).isNull();
        }
        String all = a.line(BLOB, false);
        assertThat(all.split("\n")).hasSize(100);
        assertThat(a.line(BLOB, false)).as("a later paste on its own").isEqualTo(BLOB + "\n");
    }
}
