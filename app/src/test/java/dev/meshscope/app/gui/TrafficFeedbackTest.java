// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.app.gui.log.LogEntry;
import dev.meshscope.core.NetworkMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A burst of test packets tells how it ended: done, stopped, or refused and why. */
@Tag("window")
@Tag("native")
class TrafficFeedbackTest extends WindowTestBase {
    @Test
    void theEndOfEveryBurstIsLoggedWithWhatWasRefusedAndWhy() {
        OpenWindow w = t.open("bursts");
        try (HeadlessPeer p = new HeadlessPeer("8", t.runtime())) {
            p.create(NetworkMode.MESH, 8, List.of());
            WindowFlows.create(t, w, NetworkMode.MESH, "2");
            WindowFlows.connect(t, w, p, 8, 2);

            burst(w, "25", "0");
            t.awaitText(w, "#sendProgress", s -> s.startsWith("done: 75 of 75 sent"), "the progress says done");
            assertThat(awaitSendLine(w, "done: 75 of 75 sent"))
                    .as("the end is logged")
                    .map(LogEntry::failed)
                    .contains(false);

            burst(w, "100000", "20");
            t.awaitText(w, "#sendProgress", s -> s.startsWith("sending:"), "sending");
            t.click(w, "#stopButton");
            t.awaitText(w, "#sendProgress", s -> s.startsWith("stopped:") && s.contains("not sent"), "stopped");
            assertThat(awaitSendLine(w, "stopped:")).isPresent();

            burst(w, "100000", "20");
            t.awaitText(w, "#sendProgress", s -> s.startsWith("sending:"), "sending again");
            p.close();
            t.awaitText(
                    w,
                    "#sendProgress",
                    s -> s.startsWith("done:") && s.contains("channel closed or peer gone"),
                    "the progress says why the rest was refused");
            Optional<LogEntry> end = awaitSendLine(w, "channel closed or peer gone");
            assertThat(end)
                    .map(LogEntry::failed)
                    .as("refusals make the end line a failure")
                    .contains(true);
        }
    }

    private static void burst(OpenWindow w, String count, String rate) {
        t.click(w, "#countField");
        t.robot.eraseText(t.text(w, "#countField").length()).write(count);
        t.click(w, "#rateField");
        t.robot.eraseText(t.text(w, "#rateField").length()).write(rate);
        t.click(w, "#sendButton");
    }

    private static Optional<LogEntry> awaitSendLine(OpenWindow w, String fragment) {
        t.awaitFx(
                "a send line with \"" + fragment + "\"", () -> line(w, fragment).isPresent());
        return GuiTestSupport.fx(() -> line(w, fragment));
    }

    private static Optional<LogEntry> line(OpenWindow w, String fragment) {
        return w.window().log().entries().stream()
                .filter(e -> e.text().startsWith("send: ") && e.text().contains(fragment))
                .reduce((a, b) -> b);
    }
}
