// SPDX-License-Identifier: MIT
package dev.meshscope.session.inspect;

import dev.meshscope.core.TransferMode;
import dev.meshscope.godot.DecodeError;
import dev.meshscope.godot.packet.DecodedMessage;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One packet the session read or sent, as the inspector shows it. Immutable; made on the mesh thread by
 * {@link PacketTap}, read on the FX thread. The bytes are a copy of at most {@link PacketTap#CAPTURE_BYTES} (the
 * packet's first bytes; {@link #size()} is the whole length), and the decoded packet is kept only for packets of at
 * most {@link PacketTap#TREE_BYTES}, so every entry's memory is bounded.
 *
 * @param seq       the tap's running number of recorded packets, from 1
 * @param atMillis  wall-clock time when the tap saw it
 * @param direction read from or sent to {@code peer}
 * @param peer      the remote peer of the data channel it travelled on (the link peer; a RELAY names its real source
 *                  or destination in the summary)
 * @param channel   the internal channel index (0 reliable, 1 ordered, 2 unreliable, 3.. extras)
 * @param mode      the channel's transfer mode
 * @param size      the whole packet's length in bytes
 * @param text      sent as a text message (SceneMultiplayer never does)
 * @param head      the first {@code min(size, CAPTURE_BYTES)} bytes (copied in and out)
 * @param kind      what it is
 * @param relayed   it travelled inside a SYS RELAY envelope ({@code kind} is the inner packet's)
 * @param unresolved it names ids (node cache ids, synchronizer or spawner ids) that no earlier packet explained: the
 *                  summary shows them as {@code node#3@peer2 (path not seen yet)}
 * @param summary   one line, e.g. {@code rpc /root/Main/Player3 move(Vector2(1.5, -2))}
 * @param decoded   the decoded message with the names resolved when it arrived, or null (not Godot traffic, failed, or
 *                  longer than {@link PacketTap#TREE_BYTES})
 * @param error     why decoding failed (offset and reason), or null
 */
public record TappedPacket(
        long seq,
        long atMillis,
        Direction direction,
        int peer,
        int channel,
        TransferMode mode,
        int size,
        boolean text,
        byte[] head,
        PacketKind kind,
        boolean relayed,
        boolean unresolved,
        String summary,
        @Nullable DecodedMessage decoded,
        @Nullable DecodeError error) {
    /** Copies the bytes. */
    public TappedPacket {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        head = head.clone();
    }

    /** The captured bytes (a copy). */
    @Override
    public byte[] head() {
        return head.clone();
    }

    /** How many bytes were captured: {@code min(size, CAPTURE_BYTES)}. */
    public int headLength() {
        return head.length;
    }

    /** Whether only the first bytes were captured. */
    public boolean truncated() {
        return head.length < size;
    }
}
