// SPDX-License-Identifier: MIT
package dev.meshscope.session.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the inspector hands the window with one published state: only the packets recorded since the previous
 * hand-off (never the whole ring again), how many were dropped on the way, and the profiler's newest aggregate.
 * Immutable. When the window skips a state (the bridge keeps only the newest), {@link #after} joins the skipped
 * update's packets in front, so nothing is lost but what the bound drops, and that is counted.
 *
 * @param packets      packets recorded since the previous hand-off, oldest first, at most
 *                     {@link PacketTap#RING_CAPACITY}
 * @param dropped      packets recorded but not handed over because more than the ring's capacity came between two
 *                     hand-offs (the oldest go first)
 * @param recorded     packets recorded since the tap was last reset (handed over + dropped, over all hand-offs)
 * @param pausedSkips  packets seen while the tap was paused (decoded and profiled, not recorded), since the last reset
 * @param paused       whether the tap is paused now
 * @param profile      the profiler's aggregate now
 */
public record InspectorUpdate(
        List<TappedPacket> packets,
        long dropped,
        long recorded,
        long pausedSkips,
        boolean paused,
        ProfileSnapshot profile) {
    /** Nothing recorded yet. */
    public static final InspectorUpdate EMPTY = new InspectorUpdate(List.of(), 0, 0, 0, false, ProfileSnapshot.EMPTY);

    /** Copies the list. */
    public InspectorUpdate {
        packets = List.copyOf(packets);
        Objects.requireNonNull(profile, "profile");
    }

    /**
     * This update with the packets of {@code older} (an update the window never received) in front, keeping the
     * newest {@link PacketTap#RING_CAPACITY} and counting the rest as dropped. Any thread (pure).
     */
    public InspectorUpdate after(InspectorUpdate older) {
        if (older.packets.isEmpty() && older.dropped == 0) {
            return this;
        }
        int total = older.packets.size() + packets.size();
        int cut = Math.max(0, total - PacketTap.RING_CAPACITY);
        List<TappedPacket> joined = new ArrayList<>(total - cut);
        for (int i = Math.min(cut, older.packets.size()); i < older.packets.size(); i++) {
            joined.add(older.packets.get(i));
        }
        int fromThis = Math.max(0, cut - older.packets.size());
        joined.addAll(packets.subList(fromThis, packets.size()));
        return new InspectorUpdate(joined, older.dropped + dropped + cut, recorded, pausedSkips, paused, profile);
    }
}
