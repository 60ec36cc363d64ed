// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Finds, independently of the anonymizer, every secret a record holds (addresses in candidates, SDP and stats, ports
 * of candidates, ufrag/pwd, fingerprints, the host name) and checks that none survives in an export's bytes.
 */
final class AnonymizeScan {
    private static final Pattern CANDIDATE = Pattern.compile(
            "candidate:\\S+ \\d+ (?:udp|tcp|UDP|TCP) \\d+ (\\S+) (\\d+) typ \\w+(?: raddr (\\S+) rport (\\d+))?");
    private static final Pattern UFRAG = Pattern.compile("(?:ice-ufrag:|ufrag )([^\\s\"\\\\]+)");
    private static final Pattern PWD = Pattern.compile("ice-pwd:([^\\s\"\\\\]+)");
    private static final Pattern FP = Pattern.compile("fingerprint:\\S+ ((?:[0-9A-Fa-f]{2}:)+[0-9A-Fa-f]{2})");
    private static final Pattern STATS = Pattern.compile("(?:host|srflx|prflx|relay) (?:udp|tcp) ([^\\s\"]+):(\\d+)");

    private AnonymizeScan() {}

    static String text(Path gz) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        }
    }

    /** Every secret string of {@code text} (JSON-escaped forms unescaped first). */
    static Set<String> secrets(String text) {
        String t = text.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\\"", "\"");
        Set<String> out = new LinkedHashSet<>();
        Matcher m = CANDIDATE.matcher(t);
        while (m.find()) {
            out.add(m.group(1));
            if (m.group(3) != null) {
                out.add(m.group(3));
            }
        }
        for (Pattern p : new Pattern[] {UFRAG, PWD, FP}) {
            m = p.matcher(t);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        m = STATS.matcher(t);
        while (m.find()) {
            out.add(m.group(1));
        }
        out.removeIf(s -> s.equals("0.0.0.0") || s.equals("127.0.0.1"));
        return out;
    }

    /** Candidate ports (with rports) of {@code text}, as "address port" pairs are not needed: the ports alone. */
    static Set<String> candidatePorts(String text) {
        String t = text.replace("\\r\\n", "\n").replace("\\n", "\n");
        Set<String> out = new LinkedHashSet<>();
        Matcher m = CANDIDATE.matcher(t);
        while (m.find()) {
            out.add(m.group(2));
            if (m.group(4) != null) {
                out.add(m.group(4));
            }
        }
        m = STATS.matcher(t);
        while (m.find()) {
            out.add(m.group(2));
        }
        return out;
    }

    /** Checks that no secret of {@code original} appears in {@code exported}, and no candidate port either. */
    static void assertNoneSurvives(String original, String exported, String hostName) {
        Set<String> secrets = secrets(original);
        assertThat(secrets).as("the scan finds the secrets of the original").isNotEmpty();
        for (String s : secrets) {
            assertThat(exported).as("original secret %s", s).doesNotContain(s);
        }
        if (!hostName.isBlank() && !hostName.equals("localhost")) {
            assertThat(exported).doesNotContain(hostName);
        }
        Set<String> before = candidatePorts(original);
        Set<String> after = candidatePorts(exported);
        assertThat(after).as("candidate ports after export").doesNotContainAnyElementsOf(before);
        assertThat(after.size()).isEqualTo(before.size());
    }
}
