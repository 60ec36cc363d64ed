// SPDX-License-Identifier: MIT
package dev.meshscope.godot.bench;

import dev.meshscope.godot.DecodeOptions;
import dev.meshscope.godot.packet.DecodedMessage;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.PacketReader;
import dev.meshscope.godot.packet.PacketWriter;
import dev.meshscope.godot.packet.RpcMethodNames;
import dev.meshscope.godot.packet.TrafficDecoder;
import dev.meshscope.godot.variant.Variant;
import java.util.List;

/**
 * Decode throughput on one core for a realistic mix of Godot traffic, printed as packets per second: an RPC with three
 * arguments, a full SYNC of two synchronizers, a delta SYNC, and an RPC inside a server RELAY (equal shares). Two
 * figures: the bare {@link PacketReader} (bytes to records) and the {@link TrafficDecoder} (plus path-cache resolution
 * and the one-line summary the inspector shows).
 *
 * <p>Run: {@code mvn -q -o -pl godot-wire test-compile && java -cp godot-wire/target/classes:godot-wire/target/test-classes
 * dev.meshscope.godot.bench.DecodeThroughput [seconds]}.
 */
public final class DecodeThroughput {
    /** Warm-up before measuring, so the JIT has compiled the decoder. */
    private static final long WARMUP_NANOS = 2_000_000_000L;

    private DecodeThroughput() {}

    static List<byte[]> mix() {
        Packet rpc = Packet.Rpc.of(
                Packet.ById.smallest(3),
                1,
                List.of(new Variant.Vector2(120.5, -33.25, false), new Variant.Int(42), new Variant.Str("jump")));
        Packet sync = new Packet.Sync(
                812,
                List.of(
                        new Packet.SyncElement(
                                5 | 0x8000_0000,
                                List.of(
                                        new Variant.Vector2(100, 50, false),
                                        new Variant.Float(0.75),
                                        new Variant.Int(75))),
                        new Packet.SyncElement(
                                2,
                                List.of(
                                        new Variant.Vector3(1, 2, 3, false),
                                        new Variant.Quaternion(0, 0, 0, 1, false)))));
        Packet delta = new Packet.DeltaSync(
                List.of(new Packet.DeltaElement(7, 0b101, List.of(new Variant.Int(3), Variant.Bool.TRUE))));
        Packet relay = new Packet.SysRelay(2, rpc);
        return List.of(
                PacketWriter.encode(rpc),
                PacketWriter.encode(sync),
                PacketWriter.encode(delta),
                PacketWriter.encode(relay));
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        List<byte[]> mix = mix();
        byte[][] msgs = mix.toArray(new byte[0][]);
        int bytes = mix.stream().mapToInt(b -> b.length).sum();
        System.out.printf(
                "mix: %d messages per round, %d bytes (RPC 3 args, SYNC 2 elements, delta SYNC, relayed RPC)%n",
                msgs.length, bytes);

        PacketReader reader = new PacketReader(DecodeOptions.DEFAULTS);
        double bare = run(seconds, msgs, m -> reader.decode(m).isOk());
        System.out.printf("PacketReader.decode:   %,.0f packets/s on one thread%n", bare);

        TrafficDecoder decoder = new TrafficDecoder(DecodeOptions.DEFAULTS);
        decoder.methodNames().register(RpcMethodNames.table(List.of("jump", "move", "shoot")));
        decoder.decode(
                2,
                1,
                PacketWriter.encode(new Packet.SimplifyPath(
                        RpcMethodNames.table(List.of("jump", "move", "shoot")).checksum(), 3, "Main/Player")));
        double full = run(seconds, msgs, m -> {
            DecodedMessage d = decoder.decode(2, 1, m);
            return d.ok() && !d.summary().isEmpty();
        });
        System.out.printf("TrafficDecoder.decode: %,.0f packets/s on one thread (with names and summary)%n", full);
    }

    private interface Step {
        boolean decode(byte[] message);
    }

    private static double run(double seconds, byte[][] msgs, Step step) {
        long end = System.nanoTime() + WARMUP_NANOS;
        while (System.nanoTime() < end) {
            for (byte[] m : msgs) {
                step.decode(m);
            }
        }
        long n = 0;
        long bad = 0;
        long t0 = System.nanoTime();
        long stop = t0 + (long) (seconds * 1e9);
        long now;
        do {
            for (int r = 0; r < 256; r++) {
                for (byte[] m : msgs) {
                    if (!step.decode(m)) {
                        bad++;
                    }
                }
            }
            n += 256L * msgs.length;
            now = System.nanoTime();
        } while (now < stop);
        if (bad != 0) {
            throw new IllegalStateException(bad + " messages of the mix failed to decode");
        }
        return n / ((now - t0) / 1e9);
    }
}
