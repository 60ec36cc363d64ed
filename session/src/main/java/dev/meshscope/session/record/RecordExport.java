// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Exports a record for sharing: anonymized by default ({@link #forSharing}), or as it is ({@link #verbatim}). The
 * output is itself a record (same format, readable by {@link RecordReader}); a damaged input is exported up to its
 * damage and the report says so. The output is written to a temporary name and moved into place, so a failed export
 * leaves no half file. Any thread; reads and writes files on the caller's thread.
 */
public final class RecordExport {
    private RecordExport() {}

    /**
     * What an export did.
     *
     * @param items        items written (after the header)
     * @param replacements distinct originals replaced per kind ("address", "port", "ufrag", "pwd", "fingerprint",
     *                     "host", "blob"); empty for a verbatim export
     * @param damage       where the input was damaged (everything before it was exported), or {@code null}
     */
    public record Report(
            long items,
            Map<String, Integer> replacements,
            @Nullable RecordDamage damage) {}

    /**
     * Writes an anonymized copy of {@code in} to {@code out}: addresses, ports, ICE credentials, fingerprints and host
     * names replaced consistently (see {@code docs/records.md}).
     *
     * @throws RecordDamagedException when {@code in} is not a readable record
     */
    public static Report forSharing(Path in, Path out) throws IOException {
        return export(in, out, true);
    }

    /** Writes {@code in} to {@code out} unchanged in content (re-encoded), for the operator's own archive. */
    public static Report verbatim(Path in, Path out) throws IOException {
        return export(in, out, false);
    }

    private static Report export(Path in, Path out, boolean anonymize) throws IOException {
        Anonymizer first = new Anonymizer();
        if (anonymize) {
            pass(in, null, first); // Collects every original, so no replacement can equal one of them.
        }
        Anonymizer a = new Anonymizer();
        a.reserve(first.originals());
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        Report r;
        try (OutputStream o = Files.newOutputStream(tmp);
                Writer w = new OutputStreamWriter(
                        new GZIPOutputStream(new BufferedOutputStream(o, 1 << 16), 1 << 16), StandardCharsets.UTF_8)) {
            r = pass(in, w, anonymize ? a : null);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return r;
    }

    private static Report pass(Path in, @Nullable Writer w, @Nullable Anonymizer a) throws IOException {
        long n = 0;
        try (RecordReader r = RecordReader.open(in)) {
            JsonNode h = RecordFormat.MAPPER.readTree(RecordCodec.headerLine(r.header()));
            if (a != null) {
                a.hostName(r.header().host().hostName());
                a.tree(h);
            }
            line(w, h);
            RecordItem item;
            while ((item = r.next()) != null) {
                JsonNode t = RecordCodec.tree(item);
                line(w, a == null ? t : a.tree(t));
                n++;
            }
            return new Report(n, a == null ? Map.of() : a.counts(), r.damage());
        }
    }

    private static void line(@Nullable Writer w, JsonNode n) throws IOException {
        if (w != null) {
            w.write(RecordFormat.MAPPER.writeValueAsString(n));
            w.write('\n');
        }
    }
}
