// SPDX-License-Identifier: MIT
package dev.meshscope.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident memory and open descriptors of this process, read from Linux's /proc. Any thread. */
public final class ProcessStats {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path FDS = Path.of("/proc/self/fd");
    private static final Path LIMITS = Path.of("/proc/self/limits");

    private ProcessStats() {}

    /** VmRSS in KiB, or -1 where /proc is not available. */
    public static long rssKib() {
        return statusField("VmRSS:");
    }

    /** Open file descriptors, or -1 where /proc is not available. */
    public static int openFds() {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(FDS)) {
            for (Path ignored : ds) {
                n++;
            }
            return n - 1; // The directory stream itself holds one.
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** The soft limit on open files ("Max open files"), or -1 where unknown or unlimited. */
    public static long maxOpenFiles() {
        try {
            for (String line : Files.readAllLines(LIMITS)) {
                if (line.startsWith("Max open files")) {
                    String[] parts =
                            line.substring("Max open files".length()).trim().split("\\s+");
                    return "unlimited".equals(parts[0]) ? -1 : Long.parseLong(parts[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long statusField(String name) {
        try {
            List<String> lines = Files.readAllLines(STATUS);
            for (String line : lines) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
