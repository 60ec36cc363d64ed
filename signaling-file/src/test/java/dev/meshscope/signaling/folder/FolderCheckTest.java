// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8, start-up: a signaling folder that is a file, missing or not writable is refused with the reason. */
class FolderCheckTest {
    @TempDir
    Path tmp;

    @Test
    void aWritableFolderIsTakenAndLeftAsItWas() throws IOException {
        assertThat(FolderCheck.problem(tmp, false)).isNull();
        try (var s = Files.list(tmp)) {
            assertThat(s).as("the write probe is removed").isEmpty();
        }
    }

    @Test
    void aFileIsRefused() throws IOException {
        Path f = Files.writeString(tmp.resolve("lobby"), "x");
        assertThat(FolderCheck.problem(f, true)).contains("is a file, not a folder");
    }

    @Test
    void aMissingFolderIsRefusedUnlessCreateIsAsked() {
        Path missing = tmp.resolve("lobyb");
        assertThat(FolderCheck.problem(missing, false)).contains("does not exist", "--create");
        assertThat(Files.exists(missing)).as("not created without --create").isFalse();
        assertThat(FolderCheck.problem(missing, true)).isNull();
        assertThat(Files.isDirectory(missing)).isTrue();
    }

    @Test
    void aFolderNobodyCanWriteIsRefused() {
        Path readOnly = Path.of("/proc/1");
        assumeTrue(Files.isDirectory(readOnly), "needs /proc (Linux), where even root cannot create files");
        assertThat(FolderCheck.problem(readOnly, false)).contains("is not writable", "permissions");
    }
}
