// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Runs {@code bench gui}'s code path briefly (4 peers, 2 s) under the headless window, so the benchmark cannot rot.
 * The figures it prints are not asserted against targets: a timed unit test would be flaky; the real run is
 * {@code ./meshscope bench gui}.
 */
@Tag("window")
@Tag("native")
class GuiBenchSmokeTest {
    static {
        GuiTestSupport.bigHeadlessScreen();
    }

    @Test
    void measuresPulseGapsUnderTrafficAndReports() throws Exception {
        FxToolkit.registerPrimaryStage();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        GuiBenchCommand.Result r = GuiBenchCommand.run(
                4,
                2,
                1,
                64,
                task -> {
                    var unused = WaitForAsyncUtils.asyncFx(task);
                },
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(r.connected()).isEqualTo(3);
        assertThat(r.pulses()).isGreaterThan(10);
        assertThat(r.maxMs())
                .isGreaterThanOrEqualTo(r.p99Ms())
                .isGreaterThanOrEqualTo(r.medianMs())
                .isPositive();
        assertThat(r.windowMsgsIn()).as("partners flood the window").isPositive();
        assertThat(r.windowMsgsOut()).as("the window sends probes").isPositive();
        assertThat(r.report())
                .contains("pulse gap:")
                .contains("heap (after GC)")
                .contains("record:");
        // The record's figure against the file itself: what was written while measuring is in the closed file.
        assertThat(r.recordFile()).as("bench sessions record like the window's").isNotEmpty();
        assertThat(r.recordBytes()).isPositive();
        assertThat(java.nio.file.Files.size(java.nio.file.Path.of(r.recordFile())))
                .isGreaterThanOrEqualTo(r.recordBytes());
        assertThat(r.rssAfterBytes()).as("VmRSS from /proc").isGreaterThan(r.heapAfterBytes() / 2);
        // Every message received in the measured window, on either side, counted by webrtc-java's own runtime.
        assertThat(r.webrtcLeakGrowthBytes())
                .isGreaterThanOrEqualTo(r.windowMsgsIn() * dev.meshscope.core.WebRtcRuntime.LEAKED_BYTES_PER_MESSAGE);
        assertThat(r.report()).contains("receive leak");
        System.out.println(r.report());
    }
}
