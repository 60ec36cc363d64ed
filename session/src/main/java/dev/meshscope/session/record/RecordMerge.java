// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import dev.meshscope.core.event.MeshEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Merges records made by several MeshScope peers of one mesh into one timeline, on the clock of the first record.
 *
 * <p>How the clocks are aligned (NTP's on-wire method): a clock-sample ping ({@code ProbePacket.isClockSample}) is
 * recorded by both ends as {@link MeshEvent.ProbeTimed}. The pinger's record gives t1 (the ping left; its
 * {@code sentNanos}, converted with the pinger's own clock) and t4 (the pong arrived); the answerer's record gives t2
 * (the ping arrived) and t3 (its pong left from the receive callback; when the application answered later, t3 is
 * unknown and t2 stands in, which only widens the bound). With the answerer's clock ahead by θ, t2 - t1 = θ + d1 and
 * t4 - t3 = d2 - θ for one-way delays d1, d2 &ge; 0, so every sample bounds θ to [t3 - t4, t2 - t1]: its midpoint is
 * NTP's offset, its half width half the round trip minus the answerer's time. Samples of both directions are
 * intersected; the estimate is the middle of the intersection and its uncertainty half its width (when drift made
 * them disjoint, the sample with the shortest round trip decides, with its own half width). Records that share no
 * samples with the first are aligned through a chain of records that do (uncertainties add); a record linked by
 * nothing is kept on its own clock and said to be unaligned.
 *
 * <p>Stateless; any thread.
 */
public final class RecordMerge {
    /** Times are converted from nanoseconds to whole microseconds up to three times per bound: widen it by that. */
    static final long ROUNDING_MICROS = 3;

    private RecordMerge() {}

    /**
     * How one record's clock relates to the reference (the first record's).
     *
     * @param source            the record's index in the merged list
     * @param peerIds           the peer ids the record was made as (its configurations)
     * @param offsetMicros      how far the record's clock is ahead of the reference: subtract it to get reference time
     * @param uncertaintyMicros the true offset lies within {@code offsetMicros ± uncertaintyMicros}
     * @param samples           clock samples used (0 for the reference)
     * @param aligned           false when no chain of samples links this record to the reference (offset 0 then)
     */
    public record ClockOffset(
            int source, Set<Integer> peerIds, long offsetMicros, long uncertaintyMicros, int samples, boolean aligned) {
        /** Copies the set. */
        public ClockOffset {
            peerIds = Set.copyOf(peerIds);
        }

        /** "+3217.4 ms ± 0.3 ms (12 samples)" or "not aligned". */
        public String describe() {
            if (!aligned) {
                return "not aligned (no clock samples shared with the other records: ping between them with echo on)";
            }
            return String.format(
                    java.util.Locale.ROOT,
                    "%+.3f ms ± %.3f ms (%d samples)",
                    offsetMicros / 1000.0,
                    uncertaintyMicros / 1000.0,
                    samples);
        }
    }

    /**
     * One item of the merged timeline.
     *
     * @param at     time on the reference clock, microseconds
     * @param source which record it comes from (index in the merged list)
     * @param item   the item as recorded (its own {@code at} is on its record's clock)
     */
    public record Entry(long at, int source, RecordItem item) {}

    /**
     * The merged records.
     *
     * @param offsets  every record's clock offset, by index
     * @param timeline every item of every record, on the reference clock, in time order
     */
    public record Merged(List<ClockOffset> offsets, List<Entry> timeline) {
        /** Copies the lists. */
        public Merged {
            offsets = List.copyOf(offsets);
            timeline = List.copyOf(timeline);
        }
    }

    /** An interval of offsets the samples between two records allow. */
    record Bound(long low, long high, int samples) {
        long middle() {
            return Math.floorDiv(low + high, 2);
        }

        long halfWidth() {
            return (high - low + 1) / 2;
        }
    }

    /** Merges {@code records} (made by peers of one mesh) on the clock of the first one. */
    public static Merged merge(List<RecordContents> records) {
        if (records.isEmpty()) {
            return new Merged(List.of(), List.of());
        }
        int n = records.size();
        List<Set<Integer>> ids = new ArrayList<>();
        for (RecordContents r : records) {
            ids.add(peerIds(r));
        }
        // Offsets relative to the reference, found breadth-first over pairs that share samples.
        long[] offset = new long[n];
        long[] uncertainty = new long[n];
        int[] samples = new int[n];
        boolean[] done = new boolean[n];
        done[0] = true;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        while (!queue.isEmpty()) {
            int a = queue.poll();
            for (int b = 0; b < n; b++) {
                if (done[b]) {
                    continue;
                }
                Bound bd = bound(records.get(a), ids.get(a), records.get(b), ids.get(b));
                if (bd != null) {
                    offset[b] = offset[a] + bd.middle();
                    uncertainty[b] = uncertainty[a] + bd.halfWidth();
                    samples[b] = bd.samples();
                    done[b] = true;
                    queue.add(b);
                }
            }
        }
        List<ClockOffset> offsets = new ArrayList<>();
        List<Entry> timeline = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            offsets.add(new ClockOffset(i, ids.get(i), offset[i], uncertainty[i], samples[i], done[i]));
            for (RecordItem it : records.get(i).items()) {
                timeline.add(new Entry(it.at() - offset[i], i, it));
            }
        }
        timeline.sort(Comparator.comparingLong(Entry::at).thenComparingInt(Entry::source));
        return new Merged(offsets, timeline);
    }

    /**
     * The offset of {@code other}'s clock relative to {@code reference}'s (how far ahead it is), from the clock
     * samples they share, or {@code null} when they share none.
     */
    public static @Nullable ClockOffset estimate(RecordContents reference, RecordContents other) {
        Set<Integer> a = peerIds(reference);
        Set<Integer> b = peerIds(other);
        Bound bd = bound(reference, a, other, b);
        return bd == null ? null : new ClockOffset(1, b, bd.middle(), bd.halfWidth(), bd.samples(), true);
    }

    /** The ids a record's peer had: every configuration's unique id, and the header's. */
    static Set<Integer> peerIds(RecordContents r) {
        Set<Integer> ids = new HashSet<>();
        RecordItem.Config h = r.header().config();
        if (h != null) {
            ids.add(h.uniqueId());
        }
        for (RecordItem it : r.items()) {
            if (it instanceof RecordItem.Config c) {
                ids.add(c.uniqueId());
            } else if (it instanceof RecordItem.Event e && e.event() instanceof MeshEvent.Created cr) {
                ids.add(cr.uniqueId());
            }
        }
        return ids;
    }

    /** The bound on (b's clock - a's clock) from both directions' samples, or null without any. */
    private static @Nullable Bound bound(RecordContents a, Set<Integer> aIds, RecordContents b, Set<Integer> bIds) {
        List<long[]> ab = intervals(a, aIds, b, bIds); // a pinged b: bounds on b - a
        List<long[]> ba = intervals(b, bIds, a, aIds); // b pinged a: bounds on a - b, negated below
        List<long[]> all = new ArrayList<>(ab);
        for (long[] iv : ba) {
            all.add(new long[] {-iv[1], -iv[0]});
        }
        if (all.isEmpty()) {
            return null;
        }
        long low = Long.MIN_VALUE;
        long high = Long.MAX_VALUE;
        for (long[] iv : all) {
            low = Math.max(low, iv[0]);
            high = Math.min(high, iv[1]);
        }
        if (low <= high) {
            return new Bound(low, high, all.size());
        }
        long[] best = all.get(0);
        for (long[] iv : all) {
            if (iv[1] - iv[0] < best[1] - best[0]) {
                best = iv;
            }
        }
        return new Bound(best[0], best[1], all.size());
    }

    /** Key of one clock sample: pinger, answerer, channel, sequence and the pinger's send nanos. */
    private record Key(int pinger, int answerer, int channel, long sequence, long sentNanos) {}

    /**
     * Every [low, high] bound on (answerer clock - pinger clock) from pings {@code pinger}'s record sent to
     * {@code answerer}'s peer, matched with the answerer's record.
     */
    private static List<long[]> intervals(
            RecordContents pinger, Set<Integer> pingerIds, RecordContents answerer, Set<Integer> answererIds) {
        Map<Key, long[]> pongs = new HashMap<>(); // t1, t4 on the pinger's clock
        for (RecordItem it : pinger.items()) {
            if (it instanceof RecordItem.Event e
                    && e.event() instanceof MeshEvent.ProbeTimed p
                    && !p.ping()
                    && answererIds.contains(p.peerId())) {
                long t4 = e.at();
                long t1 = t4 - Math.floorDiv(p.atNanos() - p.sentNanos(), 1000);
                for (int own : pingerIds) {
                    pongs.put(
                            new Key(own, p.peerId(), p.channelIndex(), p.sequence(), p.sentNanos()),
                            new long[] {t1, t4});
                }
            }
        }
        List<long[]> out = new ArrayList<>();
        if (pongs.isEmpty()) {
            return out;
        }
        for (RecordItem it : answerer.items()) {
            if (it instanceof RecordItem.Event e && e.event() instanceof MeshEvent.ProbeTimed p && p.ping()) {
                for (int own : answererIds) {
                    long[] t = pongs.get(new Key(p.peerId(), own, p.channelIndex(), p.sequence(), p.sentNanos()));
                    if (t != null) {
                        long t2 = e.at();
                        long t3 =
                                p.answeredNanos() >= 0 ? t2 + Math.floorDiv(p.answeredNanos() - p.atNanos(), 1000) : t2;
                        out.add(new long[] {t3 - t[1] - ROUNDING_MICROS, t2 - t[0] + ROUNDING_MICROS});
                    }
                }
            }
        }
        return out;
    }
}
