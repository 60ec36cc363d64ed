// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshscope.core.event.MeshEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anonymized export: nothing identifying survives in the bytes, replacements are consistent, the output reads. */
class RecordExportTest {
    private static final String MDNS = "1f4712db-ea17-4bcf-a596-105139dfd8bf.local";
    private static final String BROWSER =
            "{\"candidate\":\"candidate:3 1 udp 2122262783 fd00:77::5 40404 typ host generation 0\","
                    + "\"usernameFragment\":\"Qq9z\"}";

    @TempDir
    Path dir;

    private Path sample() throws Exception {
        Path f = dir.resolve("in" + RecordFormat.EXTENSION);
        try (SessionRecorder r = SessionRecorder.open(f, "test", null)) {
            long t = r.clock().nowMicros();
            for (RecordItem i : RecordSamples.everyItem(t)) {
                if (i instanceof RecordItem.Event e) {
                    r.event(e.event());
                } else if (i instanceof RecordItem.Config c) {
                    r.config(c);
                } else if (i instanceof RecordItem.Signal s) {
                    r.signal(s);
                } else if (i instanceof RecordItem.Stats s) {
                    r.sample(s.mesh(), s.dictionary(), s.probes());
                } else if (i instanceof RecordItem.Action a) {
                    r.action(a.action());
                }
            }
            long n = System.nanoTime();
            long m = System.currentTimeMillis();
            r.event(new MeshEvent.CandidateCreated(
                    n, m, 3, "0", 0, "candidate:5 1 udp 2122260223 " + MDNS + " 53123 typ host generation 0"));
            r.event(new MeshEvent.CandidateAdded(
                    n,
                    m,
                    3,
                    "candidate:6 1 udp 1686052607 203.0.113.7 61000 typ srflx raddr 10.77.0.1 rport 46243",
                    false));
            r.signal(
                    new RecordItem.Signal(t + 100, "RECEIVED", "manual", 6, 3, 1, BROWSER.length(), BROWSER, "OK", ""));
            r.signal(new RecordItem.Signal(
                    t + 101, "SENT", "manual", 4, 1, 3, 40, "MSB1:eJzLSM3JyVcozy_KSQEAGgQEXQ", "OK", "a blob"));
            r.action(dev.meshscope.session.OperatorAction.ok(
                    3, "note", "peer at 10.77.0.2:51000 and [2001:db8::42]:5000"));
        }
        return f;
    }

    @Test
    void noAddressPortUfragPwdFingerprintOrHostSurvivesAndTheExportReadsBack() throws Exception {
        Path in = sample();
        Path out = dir.resolve("shared" + RecordFormat.EXTENSION);
        RecordExport.Report rep = RecordExport.forSharing(in, out);
        String original = AnonymizeScan.text(in);
        String exported = AnonymizeScan.text(out);
        RecordContents src = RecordReader.readStrict(in);
        AnonymizeScan.assertNoneSurvives(original, exported, src.header().host().hostName());
        for (String s : List.of(
                "10.77.0.1",
                "10.77.0.2",
                "203.0.113.7",
                "2001:db8::42",
                "fd00:77::5",
                MDNS,
                "Xk3f",
                "Qq9z",
                "9bQzPq1xTtLrV7sWdE2mN0aK",
                "4A:AD:B9:B1",
                "eJzLSM3JyVcozy",
                "turn:10.77")) {
            assertThat(exported).as(s).doesNotContain(s);
        }
        assertThat(rep.damage()).isNull();
        assertThat(rep.replacements()).containsKeys("address", "port", "ufrag", "pwd", "fingerprint", "host", "blob");

        RecordContents back = RecordReader.readStrict(out);
        assertThat(back.items()).hasSize(src.items().size());
        for (int i = 0; i < src.items().size(); i++) {
            assertThat(back.items().get(i).kind()).isEqualTo(src.items().get(i).kind());
            assertThat(back.items().get(i).at()).isEqualTo(src.items().get(i).at());
        }
        assertThat(back.header().host().hostName())
                .doesNotContain(src.header().host().hostName());
    }

    @Test
    void theSameOriginalBecomesTheSameReplacementEverywhere() throws Exception {
        Path out = dir.resolve("shared" + RecordFormat.EXTENSION);
        RecordExport.forSharing(sample(), out);
        RecordContents back = RecordReader.readStrict(out);
        // 10.77.0.1 is the local host candidate in the SDP, in a candidate event, in wire stats and as raddr.
        String sdp = back.items().stream()
                .filter(i -> i instanceof RecordItem.Event e && e.event() instanceof MeshEvent.DescriptionCreated)
                .map(i -> ((MeshEvent.DescriptionCreated) ((RecordItem.Event) i).event()).sdp())
                .findFirst()
                .orElseThrow();
        String cand = back.items().stream()
                .filter(i -> i instanceof RecordItem.Event e
                        && e.event() instanceof MeshEvent.CandidateCreated c
                        && c.peerId() == 2)
                .map(i -> ((MeshEvent.CandidateCreated) ((RecordItem.Event) i).event()).candidate())
                .findFirst()
                .orElseThrow();
        String[] sdpCand = sdp.lines()
                .filter(l -> l.startsWith("a=candidate:1467250027"))
                .findFirst()
                .orElseThrow()
                .split(" ");
        String[] evCand = cand.split(" ");
        assertThat(evCand[4]).isEqualTo(sdpCand[4]).startsWith("198.18.");
        assertThat(evCand[5]).isEqualTo(sdpCand[5]);
        String ufragSdp = sdp.lines()
                .filter(l -> l.startsWith("a=ice-ufrag:"))
                .findFirst()
                .orElseThrow()
                .substring(12);
        assertThat(cand).endsWith("ufrag " + ufragSdp + " network-id 1");
        String pwd = sdp.lines()
                .filter(l -> l.startsWith("a=ice-pwd:"))
                .findFirst()
                .orElseThrow()
                .substring(10);
        assertThat(pwd.length()).isGreaterThanOrEqualTo(22);
        String fp = sdp.lines()
                .filter(l -> l.startsWith("a=fingerprint:sha-256 "))
                .findFirst()
                .orElseThrow()
                .substring(22);
        assertThat(fp).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        // The wire stats' selected pair uses the same replacement as the candidates.
        String pair = back.items().stream()
                .filter(i -> i instanceof RecordItem.Event e && e.event() instanceof MeshEvent.WireStatsUpdated)
                .map(i -> ((MeshEvent.WireStatsUpdated) ((RecordItem.Event) i).event())
                        .stats()
                        .localCandidate())
                .findFirst()
                .orElseThrow();
        assertThat(pair).isEqualTo("host udp " + sdpCand[4] + ":" + sdpCand[5]);
    }

    @Test
    void aVerbatimExportKeepsEverything() throws Exception {
        Path in = sample();
        Path out = dir.resolve("mine" + RecordFormat.EXTENSION);
        RecordExport.Report rep = RecordExport.verbatim(in, out);
        assertThat(rep.replacements()).isEmpty();
        assertThat(AnonymizeScan.text(out)).contains("10.77.0.1", "Xk3f");
        assertThat(RecordReader.readStrict(out).items())
                .isEqualTo(RecordReader.readStrict(in).items());
    }

    @Test
    void aDamagedInputIsExportedUpToItsDamageAndSaysSo() throws Exception {
        Path in = sample();
        byte[] all = Files.readAllBytes(in);
        Path cut = dir.resolve("cut" + RecordFormat.EXTENSION);
        Files.write(cut, Arrays.copyOf(all, all.length - 40));
        Path out = dir.resolve("shared" + RecordFormat.EXTENSION);
        RecordExport.Report rep = RecordExport.forSharing(cut, out);
        assertThat(rep.damage()).isNotNull();
        assertThat(RecordReader.readStrict(out).items()).hasSize((int) rep.items());
        Path notARecord = dir.resolve("x.txt");
        Files.writeString(notARecord, "hello");
        Path out2 = dir.resolve("never" + RecordFormat.EXTENSION);
        assertThatThrownBy(() -> RecordExport.forSharing(notARecord, out2)).isInstanceOf(RecordDamagedException.class);
        assertThat(out2).doesNotExist();
        assertThat(dir.resolve("never" + RecordFormat.EXTENSION + ".part")).doesNotExist();
    }

    @Test
    void ipv6CheckLeavesTimesAndFingerprintsAlone() {
        assertThat(Anonymizer.isV6("2001:db8::42")).isTrue();
        assertThat(Anonymizer.isV6("fe80::1")).isTrue();
        assertThat(Anonymizer.isV6("1:2:3:4:5:6:7:8")).isTrue();
        assertThat(Anonymizer.isV6("13:21:27")).isFalse();
        assertThat(Anonymizer.isV6("4A:AD:B9:B1:3F:82:18:3B:54")).isFalse();
        assertThat(Anonymizer.isV6("1::2::3")).isFalse();
    }
}
