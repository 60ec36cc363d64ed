// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.replay;

import dev.meshscope.session.record.RecordContents;
import dev.meshscope.session.record.RecordDamage;
import dev.meshscope.session.record.RecordExport;
import dev.meshscope.session.record.RecordMerge;
import dev.meshscope.session.record.RecordReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the Record menu does, without any dialog (the menu asks for the files, tests call this directly): open a record
 * for replay, export one for sharing (anonymized unless asked otherwise), merge several on one clock. Every refusal
 * is a sentence saying what is wrong and what to do. FX thread (reads files on it: records are read once, and
 * bounded to ~256 MiB by the recorder).
 */
public final class RecordActions {
    private RecordActions() {}

    /**
     * What opening a record gave: a replay, or why not.
     *
     * @param replay  the replay (a damaged record's holds what was read), or {@code null} when refused
     * @param message "" when opened cleanly; where a damaged record stops; or why it was refused
     */
    public record Opened(@Nullable ReplayViewModel replay, String message) {}

    /** Reads {@code file} for replay. A damaged record opens up to its damage; a file that is not a record is refused. */
    public static Opened open(Path file) {
        try {
            RecordContents c = RecordReader.read(file);
            RecordDamage d = c.damage();
            return new Opened(new ReplayViewModel(file, c), d == null ? "" : d.message());
        } catch (IOException e) {
            return new Opened(
                    null,
                    "Cannot replay " + file + ": " + reason(e)
                            + " Choose a session record (.msrec.jsonl.gz, by default in ~/.meshscope/records).");
        }
    }

    /**
     * What an export did.
     *
     * @param ok      whether a file was written
     * @param message what was written and replaced, or why nothing was
     */
    public record Exported(boolean ok, String message) {}

    /**
     * Writes {@code in} to {@code out} for sharing: anonymized (addresses, ports, ICE credentials, fingerprints, host
     * names replaced consistently) unless {@code verbatim}. Refuses to overwrite the input.
     */
    public static Exported export(Path in, Path out, boolean verbatim) {
        try {
            if (Files.exists(out) && Files.isSameFile(in, out)) {
                return new Exported(false, "Not exported: the output is the record itself; choose another file name.");
            }
            RecordExport.Report r = verbatim ? RecordExport.verbatim(in, out) : RecordExport.forSharing(in, out);
            String what = verbatim
                    ? "verbatim (addresses and credentials kept: share with care)"
                    : "anonymized, replaced " + replaced(r.replacements());
            RecordDamage d = r.damage();
            return new Exported(
                    true,
                    "Exported " + r.items() + " item(s) to " + out + ", " + what
                            + (d == null
                                    ? "."
                                    : ". The input is damaged; what came before was exported: " + d.message()));
        } catch (IOException e) {
            return new Exported(false, "Not exported: " + reason(e) + " Nothing was written to " + out + ".");
        }
    }

    private static String replaced(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "nothing (no address or credential found)";
        }
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey() + (e.getValue() == 1 ? "" : "s"))
                .collect(Collectors.joining(", "));
    }

    /**
     * One merged record's line.
     *
     * @param file   the record
     * @param peers  the peer ids it was recorded as
     * @param offset "reference clock", "+1500.327 ms ± 0.031 ms (120 samples)" or "not aligned (...)"
     * @param note   where it is damaged ("" when read whole)
     */
    public record MergedLine(Path file, String peers, String offset, String note) {
        /** "name (peer 3): +1500.327 ms ± 0.031 ms (120 samples)". */
        public String describe() {
            Path n = file.getFileName();
            return (n == null ? file : n) + " (" + peers + "): " + offset + (note.isEmpty() ? "" : "; " + note);
        }
    }

    /**
     * What merging gave.
     *
     * @param lines   one per record, in the order given (the first is the reference), empty when refused
     * @param items   items on the merged timeline
     * @param message "" when merged, else why not
     */
    public record Merged(List<MergedLine> lines, int items, String message) {}

    /** Puts {@code files} on the first one's clock and says how each was aligned. At least two records. */
    public static Merged merge(List<Path> files) {
        if (files.size() < 2) {
            return new Merged(List.of(), 0, "Choose at least two records to merge (one per peer of the same session).");
        }
        List<RecordContents> contents = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path f : files) {
            try {
                RecordContents c = RecordReader.read(f);
                RecordDamage d = c.damage();
                contents.add(c);
                notes.add(d == null ? "" : "damaged, merged up to line " + d.line());
            } catch (IOException e) {
                return new Merged(List.of(), 0, "Not merged: " + f + ": " + reason(e) + " Nothing was merged.");
            }
        }
        RecordMerge.Merged m = RecordMerge.merge(contents);
        List<MergedLine> lines = new ArrayList<>();
        for (RecordMerge.ClockOffset o : m.offsets()) {
            String peers = o.peerIds().isEmpty()
                    ? "no peer created"
                    : "peer "
                            + o.peerIds().stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
            String offset = o.source() == 0 ? "reference clock" : o.describe();
            lines.add(new MergedLine(files.get(o.source()), peers, offset, notes.get(o.source())));
        }
        return new Merged(lines, m.timeline().size(), "");
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() + "." : m.endsWith(".") ? m : m + ".";
    }
}
