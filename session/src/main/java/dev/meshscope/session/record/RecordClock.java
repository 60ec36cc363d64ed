// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

/**
 * The clock of one record: microseconds since the epoch, derived from {@link System#nanoTime()} through one anchor
 * taken when the record starts, so times inside a record never jump when the wall clock is set, and a test can
 * give a recorder a clock that is off by a known amount ({@link #shifted}). Immutable; any thread.
 *
 * @param anchorNanos  a {@link System#nanoTime()} value
 * @param anchorMicros the record's time at {@code anchorNanos}, in microseconds since the epoch
 */
public record RecordClock(long anchorNanos, long anchorMicros) {
    /** A clock anchored now on the wall clock. */
    public static RecordClock system() {
        java.time.Instant now = java.time.Instant.now();
        long nanos = System.nanoTime();
        return new RecordClock(nanos, now.getEpochSecond() * 1_000_000L + now.getNano() / 1000);
    }

    /** This clock, {@code offsetMicros} ahead (negative: behind). */
    public RecordClock shifted(long offsetMicros) {
        return new RecordClock(anchorNanos, anchorMicros + offsetMicros);
    }

    /** The record time of a {@link System#nanoTime()} value of this JVM. */
    public long micros(long nanoTime) {
        return anchorMicros + Math.floorDiv(nanoTime - anchorNanos, 1000);
    }

    /** The record time now. */
    public long nowMicros() {
        return micros(System.nanoTime());
    }
}
