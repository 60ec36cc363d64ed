// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import java.io.IOException;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * The first line of a session record. Immutable.
 *
 * @param format           always {@link RecordFormat#FORMAT_NAME}
 * @param formatVersion    the format version ({@link RecordFormat#FORMAT_VERSION})
 * @param meshscopeVersion the MeshScope version that wrote it
 * @param startedAt        when the record started, microseconds since the epoch on the record's clock
 * @param recorder         what recorded: "window" or "agent"
 * @param part             1 for a record's first file, 2.. for the files it rotated into
 * @param host             the machine and process that recorded
 * @param config           the peer's configuration when the record started, or {@code null} when nothing was
 *                         created yet (a {@link RecordItem.Config} line follows every creation)
 */
public record RecordHeader(
        String format,
        int formatVersion,
        String meshscopeVersion,
        long startedAt,
        String recorder,
        int part,
        Host host,
        RecordItem.@Nullable Config config) {

    /**
     * Where the record was made.
     *
     * @param hostName the machine's name (anonymized exports replace it)
     * @param os       operating system name and version
     * @param java     the Java runtime version
     * @param pid      the recording process
     */
    public record Host(String hostName, String os, String java, long pid) {
        /** This machine and process. */
        public static Host current() {
            String name;
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "unknown";
            }
            return new Host(
                    name,
                    System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?"),
                    System.getProperty("java.version", "?"),
                    ProcessHandle.current().pid());
        }
    }

    /** The first header of a record started now by {@code recorder}. */
    public static RecordHeader start(long startedAt, String recorder, RecordItem.@Nullable Config config) {
        return new RecordHeader(
                RecordFormat.FORMAT_NAME,
                RecordFormat.FORMAT_VERSION,
                RecordFormat.meshscopeVersion(),
                startedAt,
                recorder,
                1,
                Host.current(),
                config);
    }

    /** The header of the next part of the same record, with the configuration in force then. */
    public RecordHeader nextPart(long at, RecordItem.@Nullable Config latest) {
        return new RecordHeader(format, formatVersion, meshscopeVersion, at, recorder, part + 1, host, latest);
    }
}
