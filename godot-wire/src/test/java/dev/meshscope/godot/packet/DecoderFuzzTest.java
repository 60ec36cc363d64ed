// SPDX-License-Identifier: MIT
package dev.meshscope.godot.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.GodotVersion;
import dev.meshscope.godot.variant.VariantCodecTest;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated packets through the decoders: nothing may escape as an exception, no "decoder bug" error, every
 * message decodes within a time bound, and allocation stays proportional to the message (a hostile length never
 * allocates what it claims). The seed is fixed so a failure replays; it is printed in the assertion message.
 */
class DecoderFuzzTest {
    private static final long SEED = 0x6D657368L;
    /** Random messages and mutations per run: ~1 s on the shared 2-core machine. */
    private static final int ROUNDS = 60_000;
    /** No single message may take longer than this (the slowest legitimate one takes microseconds). */
    private static final long MAX_NANOS_PER_MESSAGE = 50_000_000L;
    /** Allocation allowed per message byte, plus a fixed slack for records and summaries. */
    private static final long ALLOC_PER_BYTE = 64;

    private static final long ALLOC_SLACK = 256 * 1024;

    private static List<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        PacketCodecTest.everyKind().forEach(p -> out.add(PacketWriter.encode(p)));
        VariantCodecTest.everyType()
                .map(v -> PacketWriter.encode(Packet.Rpc.of(Packet.ById.smallest(1), 0, List.of(v, v))))
                .forEach(out::add);
        return out;
    }

    @Test
    void randomAndMutatedMessagesNeverThrowAndStayBounded() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<byte[]> seeds = seeds();
        List<TrafficDecoder> decoders = List.of(
                new TrafficDecoder(DecodeOptions.DEFAULTS),
                new TrafficDecoder(
                        DecodeOptions.DEFAULTS.withObjectDecoding(true).withVersion(GodotVersion.V4_2)),
                new TrafficDecoder(DecodeOptions.DEFAULTS.withVersion(GodotVersion.V4_3)));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // Warm up so class loading and JIT are not charged to the first messages.
        for (byte[] s : seeds) {
            decoders.forEach(d -> d.decode(2, 1, s));
        }
        int ok = 0;
        List<String> bugs = new ArrayList<>();
        long slowest = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] msg = message(rnd, seeds);
            TrafficDecoder d = decoders.get(round % decoders.size());
            long allocBefore = mx.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            DecodedMessage m = d.decode(1 + rnd.nextInt(4), 1 + rnd.nextInt(4), msg);
            long nanos = System.nanoTime() - t0;
            long allocated = mx.getCurrentThreadAllocatedBytes() - allocBefore;
            if (nanos > MAX_NANOS_PER_MESSAGE || allocated > ALLOC_SLACK + ALLOC_PER_BYTE * msg.length) {
                // One-time costs (first use of an error path links its string concatenation, JIT, a GC pause on a
                // shared machine) are not the message's: measure it again and keep the better figures.
                long allocAgain = mx.getCurrentThreadAllocatedBytes();
                long t1 = System.nanoTime();
                d.decode(2, 1, msg);
                nanos = Math.min(nanos, System.nanoTime() - t1);
                allocated = Math.min(allocated, mx.getCurrentThreadAllocatedBytes() - allocAgain);
            }
            slowest = Math.max(slowest, nanos);
            if (m.ok()) {
                ok++;
                m.tree();
            } else if (m.summary().contains("decoder bug")) {
                bugs.add(java.util.HexFormat.of().formatHex(msg) + " -> " + m.error());
            }
            assertThat(nanos).as("seed %d round %d: decode time", SEED, round).isLessThan(MAX_NANOS_PER_MESSAGE);
            assertThat(allocated)
                    .as("seed %d round %d: bytes allocated for a %d-byte message", SEED, round, msg.length)
                    .isLessThan(ALLOC_SLACK + ALLOC_PER_BYTE * msg.length);
        }
        assertThat(bugs).as("messages that hit a decoder bug (seed %d)", SEED).isEmpty();
        // Both sides of the decoder were exercised: mutations of valid packets often stay valid.
        assertThat(ok).as("decoded fine").isGreaterThan(ROUNDS / 20).isLessThan(ROUNDS);
        System.out.println("fuzz: " + ROUNDS + " messages, " + ok + " decoded, slowest " + slowest / 1000 + " µs");
    }

    /** A random message: pure noise, or a seed packet with bytes flipped, lengths inflated, cut or spliced. */
    private static byte[] message(SplittableRandom rnd, List<byte[]> seeds) {
        int kind = rnd.nextInt(6);
        if (kind == 0) {
            byte[] b = new byte[rnd.nextInt(64)];
            rnd.nextBytes(b);
            if (b.length > 0) {
                b[0] = (byte) (b[0] & 0xF7); // keep bit 3 clear like Godot, so all commands are hit
            }
            return b;
        }
        byte[] b = seeds.get(rnd.nextInt(seeds.size())).clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = rnd.nextInt(b.length);
            switch (kind) {
                case 1:
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                    break;
                case 2:
                    b[at] = (byte) 0xFF; // inflate whatever length or count sits here
                    if (at + 3 < b.length) {
                        b[at + 3] = (byte) rnd.nextInt(0x80);
                    }
                    break;
                case 3:
                    b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                    break;
                case 4:
                    b[at] = (byte) rnd.nextInt(256);
                    break;
                default:
                    byte[] other = seeds.get(rnd.nextInt(seeds.size()));
                    byte[] spliced = java.util.Arrays.copyOf(b, at + other.length);
                    System.arraycopy(other, 0, spliced, at, other.length);
                    b = spliced;
            }
        }
        return b;
    }

    @Test
    void theSeedCorpusCoversEveryCommand() {
        assertThat(seeds().stream().map(b -> Command.ofByte(b[0])).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Command.values());
    }
}
