// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.signaling.message.SignalMessage;
import dev.meshscope.signaling.session.LobbyNotice;
import dev.meshscope.signaling.session.SignalTransport;
import dev.meshscope.signaling.timeline.SignalTrace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder path of the signaling timeline: every file moved aside is traced REFUSED with its text; real files. */
class FolderTraceTest {
    @TempDir
    Path dir;

    private static final class Sink implements SignalTransport.Sink {
        final ConcurrentLinkedQueue<SignalMessage> received = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<SignalTrace> traces = new ConcurrentLinkedQueue<>();

        @Override
        public void received(SignalMessage message) {
            received.add(message);
        }

        @Override
        public void notice(LobbyNotice notice) {}

        @Override
        public void closed(String reason) {}

        @Override
        public void traced(SignalTrace trace) {
            traces.add(trace);
        }
    }

    @Test
    void aMalformedMessageFileIsTracedRefusedWithItsTextAndAGoodOneIsNotTracedByTheTransport() throws Exception {
        FolderTransport t = new FolderTransport(FolderOptions.of(dir, 2, NetworkMode.MESH, List.of())
                .withTimings(Duration.ofMillis(200), Duration.ofMillis(1500), Duration.ofMillis(50)));
        Sink sink = new Sink();
        try {
            t.start(sink);
            assertThat(t.path()).isEqualTo("folder");
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.received.size() >= 2); // ID, JOIN
            Path bad = dir.resolve("inbox/2/3-0000000000001-000000001.json");
            String text = "{\"type\":4,\"id\":3,";
            // Written whole, then renamed into place (as every writer does): a reader never sees it half-written.
            Path whole = Files.writeString(dir.resolve("bad.tmp"), text, StandardCharsets.UTF_8);
            Files.move(whole, bad, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(10)).until(() -> !sink.traces.isEmpty());
            assertThat(sink.traces).singleElement().satisfies(tr -> {
                assertThat(tr.path()).isEqualTo(SignalTrace.FOLDER);
                assertThat(tr.direction()).isEqualTo(SignalTrace.Direction.RECEIVED);
                assertThat(tr.verdict()).isEqualTo(SignalTrace.Verdict.REFUSED);
                assertThat(tr.type()).isEqualTo(-1);
                assertThat(tr.from()).isEqualTo(3);
                assertThat(tr.to()).isEqualTo(2);
                assertThat(tr.data()).isEqualTo(text);
                assertThat(tr.size()).isEqualTo(text.length());
                assertThat(tr.note())
                        .startsWith("inbox/2/3-0000000000001-000000001.json moved aside: not a signaling message: ");
            });
            assertThat(Files.exists(bad)).as("moved aside, not lost").isFalse();
        } finally {
            t.close();
        }
    }
}
