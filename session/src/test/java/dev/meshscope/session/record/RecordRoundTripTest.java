// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.event.MeshEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every item kind and every mesh-core event type written to a real record file and read back equal. */
class RecordRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void samplesCoverEveryEventTypeOfTheSealedInterface() {
        Set<String> sampled = RecordSamples.everyEvent().stream()
                .map(e -> e.getClass().getSimpleName())
                .collect(Collectors.toSet());
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(RecordCodec.eventTypes());
        assertThat(RecordCodec.eventTypes()).hasSize(MeshEvent.class.getPermittedSubclasses().length);
    }

    @Test
    void everyItemKindReadsBackEqual() throws Exception {
        Path f = dir.resolve("all" + RecordFormat.EXTENSION);
        RecordClock clock = RecordClock.system();
        List<RecordItem> items = RecordSamples.everyItem(clock.nowMicros());
        try (SessionRecorder r = SessionRecorder.open(f, "test", null, clock, RecordLimits.DEFAULT)) {
            for (RecordItem i : items) {
                if (i instanceof RecordItem.Event e) {
                    r.event(e.event());
                } else if (i instanceof RecordItem.Action a) {
                    r.action(a.action());
                } else if (i instanceof RecordItem.Config c) {
                    r.config(c);
                } else if (i instanceof RecordItem.Signal s) {
                    r.signal(s);
                } else if (i instanceof RecordItem.Stats s) {
                    assertThat(r.sample(s.mesh(), s.dictionary(), s.probes())).isTrue();
                }
            }
        }
        RecordContents c = RecordReader.readStrict(f);
        assertThat(c.header().format()).isEqualTo(RecordFormat.FORMAT_NAME);
        assertThat(c.header().recorder()).isEqualTo("test");
        assertThat(c.header().host().pid()).isEqualTo(ProcessHandle.current().pid());
        List<RecordItem> expected =
                items.stream().filter(i -> !(i instanceof RecordItem.Dropped)).toList();
        assertThat(c.items()).hasSize(expected.size());
        for (int k = 0; k < expected.size(); k++) {
            RecordItem want = expected.get(k);
            RecordItem got = c.items().get(k);
            assertThat(got.kind()).isEqualTo(want.kind());
            if (want instanceof RecordItem.Event e) {
                assertThat(((RecordItem.Event) got).event()).isEqualTo(e.event());
                assertThat(got.at()).isEqualTo(clock.micros(e.event().atNanos()));
            } else if (want instanceof RecordItem.Action a) {
                assertThat(((RecordItem.Action) got).action()).isEqualTo(a.action());
            } else if (want instanceof RecordItem.Stats s) {
                RecordItem.Stats gs = (RecordItem.Stats) got;
                assertThat(gs.mesh()).isEqualTo(s.mesh());
                assertThat(gs.probes()).isEqualTo(s.probes());
                assertThat(gs.dictionary()).isEqualTo(s.dictionary());
            } else {
                assertThat(got).isEqualTo(want);
            }
        }
    }

    @Test
    void aDroppedLineAndEveryItemLineReadBackThroughTheCodec() throws Exception {
        for (RecordItem i : RecordSamples.everyItem(1_700_000_000_000_000L)) {
            String line = RecordCodec.line(i);
            assertThat(line).doesNotContain("\n");
            RecordItem back = RecordCodec.item(RecordFormat.MAPPER.readTree(line));
            assertThat(back).isEqualTo(i);
        }
    }

    @Test
    void impairmentHelpersAreNotWrittenAsFields() {
        String line = RecordCodec.line(
                new RecordItem.Event(1, RecordSamples.everyEvent().get(4)));
        assertThat(line).contains("\"delayMs\":40").doesNotContain("\"none\"");
    }
}
