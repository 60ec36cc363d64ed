// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether and where a session records, with the clock and limits to use. Immutable.
 *
 * <p>The window records by default, into {@code ~/.meshscope/records} ({@link #fromSystem}): the point of a record is
 * that nobody has to start it "before the call", so it must already be on when a connection fails for the first time;
 * the folder is bounded ({@link #directoryCapBytes}, oldest records deleted first) so leaving it on costs a bounded
 * amount of disk. {@code -Dmeshscope.records=off} (or {@code MESHSCOPE_RECORDS=off}) turns it off, a path moves it.
 *
 * @param directory         where records go, or {@code null} for no recording
 * @param clock             the record clock ({@link RecordClock#system()}, or shifted in tests)
 * @param limits            part size, parts kept, queue, sample period
 * @param directoryCapBytes when a record starts, the oldest records in {@code directory} are deleted until the
 *                          others take at most this much
 */
public record RecordSettings(@Nullable Path directory, RecordClock clock, RecordLimits limits, long directoryCapBytes) {
    /** The system property that sets the record folder, or "off". */
    public static final String PROPERTY = "meshscope.records";
    /** The environment variable read when the property is not set. */
    public static final String ENV = "MESHSCOPE_RECORDS";
    /**
     * The record folder's bound: 2 GiB, eight records at their largest ({@link RecordLimits#DEFAULT}: 256 MiB each),
     * hundreds of ordinary ones.
     */
    public static final long DEFAULT_DIRECTORY_CAP = 2L << 30;

    /** No recording (tests, benchmarks, and the window when turned off). */
    public static final RecordSettings OFF =
            new RecordSettings(null, RecordClock.system(), RecordLimits.DEFAULT, DEFAULT_DIRECTORY_CAP);

    /** Records into {@code dir} with the system clock and default limits. */
    public static RecordSettings inDirectory(Path dir) {
        return new RecordSettings(dir, RecordClock.system(), RecordLimits.DEFAULT, DEFAULT_DIRECTORY_CAP);
    }

    /** The window's setting: {@value #PROPERTY}, else {@value #ENV}, else {@code ~/.meshscope/records}. */
    public static RecordSettings fromSystem() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv(ENV);
        }
        if (v != null && v.strip().toLowerCase(Locale.ROOT).equals("off")) {
            return OFF;
        }
        Path dir = v != null && !v.isBlank()
                ? Path.of(v.strip())
                : Path.of(System.getProperty("user.home"), ".meshscope", "records");
        return inDirectory(dir);
    }

    /** The same setting with another clock (tests skew it). */
    public RecordSettings withClock(RecordClock c) {
        return new RecordSettings(directory, c, limits, directoryCapBytes);
    }

    /** Whether anything is recorded. */
    public boolean on() {
        return directory != null;
    }
}
