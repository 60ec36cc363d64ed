// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.meshscope.core.event.MeshEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged records (cut, corrupt, foreign, newer, a bad line) are refused with a message that says where, and keep
 * every item before the damage; the intact twin of each reads whole. Also: a full writer queue drops and counts, a
 * record past its part size rotates and keeps its first and newest parts.
 */
class RecordDamageTest {
    @TempDir
    Path dir;

    private Path record(String name, int events) throws Exception {
        Path f = dir.resolve(name + RecordFormat.EXTENSION);
        try (SessionRecorder r = SessionRecorder.open(f, "test", null)) {
            for (int i = 0; i < events; i++) {
                r.event(new MeshEvent.PeerAdded(System.nanoTime(), System.currentTimeMillis(), i + 2, false));
            }
        }
        return f;
    }

    @Test
    void anIntactRecordReadsToItsEnd() throws Exception {
        RecordContents c = RecordReader.readStrict(record("intact", 500));
        assertThat(c.items()).hasSize(500);
        assertThat(c.damage()).isNull();
    }

    @Test
    void aCutRecordKeepsEverythingBeforeTheCutAndSaysWhere() throws Exception {
        Path f = record("cut", 5000);
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut-copy" + RecordFormat.EXTENSION);
        Files.write(cut, Arrays.copyOf(all, all.length * 2 / 3));
        RecordContents c = RecordReader.read(cut);
        assertThat(c.damage()).isNotNull();
        assertThat(c.damage().truncated()).isTrue();
        assertThat(c.items()).isNotEmpty().hasSizeLessThan(5000);
        assertThat(c.damage().line()).isEqualTo(c.items().size() + 2);
        assertThat(c.damage().message())
                .contains("ends early at line " + c.damage().line())
                .contains("were read");
        for (int i = 0; i < c.items().size(); i++) {
            assertThat(((MeshEvent.PeerAdded) ((RecordItem.Event) c.items().get(i)).event()).peerId())
                    .isEqualTo(i + 2);
        }
        assertThatThrownBy(() -> RecordReader.readStrict(cut))
                .isInstanceOf(RecordDamagedException.class)
                .hasMessageContaining("line " + c.damage().line())
                .satisfies(
                        e -> assertThat(((RecordDamagedException) e).partial().items())
                                .hasSize(c.items().size()));
    }

    @Test
    void corruptCompressedBytesAreRefusedAtTheLineWhereTheyStart() throws Exception {
        Path f = record("corrupt", 5000);
        byte[] all = Files.readAllBytes(f);
        for (int i = all.length / 2; i < all.length / 2 + 64; i++) {
            all[i] ^= 0x5A;
        }
        Path bad = dir.resolve("corrupt-copy" + RecordFormat.EXTENSION);
        Files.write(bad, all);
        RecordContents c = RecordReader.read(bad);
        assertThat(c.damage()).isNotNull();
        assertThat(c.items()).hasSizeLessThan(5000);
        assertThat(c.damage().message()).containsAnyOf("corrupt at line", "ends early at line");
        // The lines whose compressed bytes lie before the corruption (as many as the same file cut where the
        // corruption starts gives) are read exactly as written, in order, up to where the inflater failed (output of
        // its failing call is lost with it). Lines decoded after the corruption may be garbled before gzip notices
        // (it checks a part's CRC only at the part's end), and the message says so.
        Path cutThere = dir.resolve("corrupt-cut" + RecordFormat.EXTENSION);
        Files.write(cutThere, Arrays.copyOf(Files.readAllBytes(f), all.length / 2));
        int intact = RecordReader.read(cutThere).items().size();
        assertThat(intact).as("lines before the corruption").isPositive();
        assertThat(c.items()).as("lines read before the damage").isNotEmpty();
        for (int i = 0; i < Math.min(intact, c.items().size()); i++) {
            RecordItem it = c.items().get(i);
            assertThat(it).isInstanceOf(RecordItem.Event.class);
            assertThat(((RecordItem.Event) it).event().peerId()).isEqualTo(i + 2);
        }
    }

    @Test
    void aLineThatIsNotAnItemStopsReadingThereWithItsLineNumber() throws Exception {
        Path f = dir.resolve("badline" + RecordFormat.EXTENSION);
        String header = RecordCodec.headerLine(RecordHeader.start(1, "test", null));
        String good = RecordCodec.line(new RecordItem.Action(2, dev.meshscope.session.OperatorAction.ok(0, "x", "y")));
        gzip(
                f,
                header + "\n" + good + "\n" + good + "\n{\"item\":\"event\",\"at\":5,\"event\":\"NoSuchEvent\"}\n"
                        + good + "\n");
        RecordContents c = RecordReader.read(f);
        assertThat(c.items()).hasSize(2);
        assertThat(c.damage().line()).isEqualTo(4);
        assertThat(c.damage().truncated()).isFalse();
        assertThat(c.damage().message()).contains("corrupt at line 4").contains("unknown event type \"NoSuchEvent\"");

        gzip(f, header + "\n" + good + "\n{\"item\":\"action\",\"at\":5,\"peerId\":\n");
        c = RecordReader.read(f);
        assertThat(c.items()).hasSize(1);
        assertThat(c.damage().line()).isEqualTo(3);

        gzip(f, header + "\n" + good + "\n");
        assertThat(RecordReader.readStrict(f).items()).hasSize(1);
    }

    @Test
    void aFileThatIsNotARecordIsRefusedWithWhatItIs() throws Exception {
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "{\"event\":\"PeerAdded\"}\n");
        assertThatThrownBy(() -> RecordReader.read(plain))
                .isInstanceOf(RecordDamagedException.class)
                .hasMessageContaining("not gzip-compressed");
        Path events = dir.resolve("events.jsonl.gz");
        gzip(events, "{\"event\":\"PeerAdded\",\"peerId\":2}\n");
        assertThatThrownBy(() -> RecordReader.read(events)).hasMessageContaining("not a record header");
        Path empty = dir.resolve("empty" + RecordFormat.EXTENSION);
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> RecordReader.read(empty)).isInstanceOf(RecordDamagedException.class);
        assertThatThrownBy(() -> RecordReader.read(dir.resolve("missing" + RecordFormat.EXTENSION)))
                .hasMessageContaining("there is no record");
    }

    @Test
    void aNewerFormatVersionIsRefusedAndTheCurrentOneRead() throws Exception {
        Path f = dir.resolve("newer" + RecordFormat.EXTENSION);
        String header = RecordCodec.headerLine(RecordHeader.start(1, "test", null));
        gzip(f, header.replace("\"formatVersion\":1", "\"formatVersion\":2") + "\n");
        assertThatThrownBy(() -> RecordReader.read(f)).hasMessageContaining("format version 2");
        gzip(f, header + "\n");
        assertThat(RecordReader.readStrict(f).items()).isEmpty();
    }

    @Test
    void aRecordBeingWrittenReadsUpToItsLastFlush() throws Exception {
        Path f = dir.resolve("live" + RecordFormat.EXTENSION);
        RecordLimits fast = new RecordLimits(64L << 20, 4, 1024, 1000, 50);
        try (SessionRecorder r = SessionRecorder.open(f, "test", null, RecordClock.system(), fast)) {
            for (int i = 0; i < 10; i++) {
                r.event(new MeshEvent.PeerConnected(System.nanoTime(), System.currentTimeMillis(), i + 2));
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                RecordContents c = RecordReader.read(f);
                assertThat(c.items()).hasSize(10);
                assertThat(c.damage().truncated()).isTrue();
            });
        }
        assertThat(RecordReader.readStrict(f).items()).hasSize(10);
    }

    @Test
    void aFullQueueDropsCountsAndSaysSoInTheRecord() throws Exception {
        Path f = dir.resolve("drops" + RecordFormat.EXTENSION);
        RecordLimits tiny = new RecordLimits(64L << 20, 4, 16, 1000, 1000);
        long dropped;
        try (SessionRecorder r = SessionRecorder.open(f, "test", null, RecordClock.system(), tiny)) {
            for (int i = 0; i < 200_000; i++) {
                r.event(new MeshEvent.PacketSent(System.nanoTime(), System.currentTimeMillis(), 2, 0, 100));
            }
            dropped = r.dropped();
        }
        assertThat(dropped).isPositive();
        RecordContents c = RecordReader.readStrict(f);
        long kept =
                c.items().stream().filter(i -> i instanceof RecordItem.Event).count();
        long noted = c.items().stream()
                .filter(i -> i instanceof RecordItem.Dropped)
                .mapToLong(i -> ((RecordItem.Dropped) i).count())
                .sum();
        assertThat(kept + noted).isEqualTo(200_000);
        assertThat(noted).isEqualTo(dropped);
    }

    @Test
    void aLongRecordRotatesKeepingTheFirstAndNewestParts() throws Exception {
        Path f = dir.resolve("rot" + RecordFormat.EXTENSION);
        RecordLimits small = new RecordLimits(8192, 3, 65536, 1000, 1000);
        try (SessionRecorder r = SessionRecorder.open(f, "test", null, RecordClock.system(), small)) {
            java.util.Random rnd = new java.util.Random(1);
            for (int i = 0; i < 20_000; i++) {
                r.action(dev.meshscope.session.OperatorAction.ok(i, "k", Long.toHexString(rnd.nextLong())));
            }
        }
        List<Path> parts;
        try (var s = Files.list(dir)) {
            parts = s.filter(RecordFormat::isRecord).sorted().toList();
        }
        assertThat(parts).hasSize(3).contains(f);
        int last = 1;
        for (int k = 2; k < 10_000; k++) {
            if (Files.exists(RecordFormat.partFile(f, k))) {
                last = k;
            }
        }
        assertThat(last).isGreaterThan(3);
        assertThat(RecordFormat.partFile(f, 2)).doesNotExist();
        RecordContents tail = RecordReader.readStrict(RecordFormat.partFile(f, last));
        assertThat(tail.header().part()).isEqualTo(last);
        assertThat(RecordReader.readStrict(f).header().part()).isEqualTo(1);
        for (Path p : parts) {
            assertThat(Files.size(p)).isLessThan(8192 + RecordLimits.PART_OVERSHOOT_BYTES);
        }
    }

    private static void gzip(Path f, String text) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(b)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(f, b.toByteArray());
    }
}
