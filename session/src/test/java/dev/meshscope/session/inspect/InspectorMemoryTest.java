// SPDX-License-Identifier: MIT
package dev.meshscope.session.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshscope.core.TransferMode;
import dev.meshscope.godot.packet.Packet;
import dev.meshscope.godot.packet.PacketWriter;
import dev.meshscope.godot.variant.Variant;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The inspector's memory bound at a flood: heap used with the ring full against the ring empty, for a typical game
 * packet (a 16-byte RPC) and for the worst case the bounds allow (a SYNC just under the capture bound, packed with
 * values, whose decoded tree is kept). A packet list holds at most {@link PacketTap#RING_CAPACITY} entries in each of
 * three places at once (the tap between hand-offs, a state the bridge has not drawn yet, the window's rows), so the
 * bound is three rings. Prints the figures ({@code docs/performance.md} quotes them).
 */
class InspectorMemoryTest {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Heap retained per entry when the ring is full of {@code packet}: (full - empty) / capacity. */
    private static double bytesPerEntry(byte[] packet) {
        PacketTap tap = new PacketTap(System::nanoTime);
        tap.reset(1, List.of(TransferMode.RELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE));
        tap.received(2, 0, PacketWriter.encode(new Packet.SimplifyPath(PacketTapTest.MD5, 3, "Main/Player3")), false);
        tap.handOff();
        long empty = usedAfterGc();
        for (int i = 0; i < PacketTap.RING_CAPACITY * 3; i++) { // A flood: three rings' worth, two of them dropped.
            tap.received(2, 2, packet, false);
        }
        InspectorUpdate full = tap.handOff();
        long used = usedAfterGc();
        assertThat(full.packets()).hasSize(PacketTap.RING_CAPACITY);
        assertThat(full.dropped()).isEqualTo(PacketTap.RING_CAPACITY * 2L);
        return (used - empty) / (double) full.packets().size();
    }

    /** A full SYNC of Vector2 values, as long as fits {@code limit} bytes. */
    private static byte[] syncUpTo(int limit) {
        List<Variant> values = new ArrayList<>();
        byte[] sync = new byte[0];
        while (true) {
            values.add(new Variant.Vector2(values.size(), -values.size(), false));
            byte[] next = PacketWriter.encode(new Packet.Sync(1, List.of(new Packet.SyncElement(10, values))));
            if (next.length > limit) {
                return sync;
            }
            sync = next;
        }
    }

    @Test
    void aFullRingCostsAFewMegabytes() {
        byte[] rpc = PacketTapTest.move(3, 1.5, -2);
        byte[] bigSync = syncUpTo(PacketTap.CAPTURE_BYTES); // Bytes kept whole, no tree.
        byte[] treeSync = syncUpTo(PacketTap.TREE_BYTES); // The longest packet that keeps its decoded tree.
        double typical = bytesPerEntry(rpc);
        double big = bytesPerEntry(bigSync);
        double tree = bytesPerEntry(treeSync);
        double worst = Math.max(big, tree);
        double bound = 3 * PacketTap.RING_CAPACITY * worst;
        System.out.printf(
                Locale.ROOT,
                "inspector memory (ring of %d): %d-byte RPC %.0f B/entry (%.1f MB); %d-byte SYNC with its tree"
                        + " %.0f B/entry (%.1f MB); %d-byte SYNC, bytes only %.0f B/entry (%.1f MB);"
                        + " bound (3 rings, worst case) %.1f MB%n",
                PacketTap.RING_CAPACITY,
                rpc.length,
                typical,
                typical * PacketTap.RING_CAPACITY / 1e6,
                treeSync.length,
                tree,
                tree * PacketTap.RING_CAPACITY / 1e6,
                bigSync.length,
                big,
                big * PacketTap.RING_CAPACITY / 1e6,
                bound / 1e6);
        assertThat(typical).isPositive().isLessThan(worst);
        // Every entry stays within a small multiple of the capture bound: trees only for short packets.
        assertThat(worst).isLessThan(PacketTap.CAPTURE_BYTES * 4.0);
    }
}
