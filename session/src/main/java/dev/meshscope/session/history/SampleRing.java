// SPDX-License-Identifier: MIT
package dev.meshscope.session.history;

import java.util.Arrays;

/**
 * A fixed-capacity ring of samples: one time column ({@code int} milliseconds since the history's origin) and
 * {@code columns} value columns ({@code float}), all preallocated, so memory is exactly {@link #bytes()} however long
 * the session runs. When full, each new sample overwrites the oldest. Index 0 is the oldest sample kept.
 *
 * <p>Threads: one owner thread appends and reads (the history's owner); nothing here is synchronized. A missing
 * value is {@link Float#NaN} (a gap in a plot).
 */
public final class SampleRing {
    /** Bytes of one time entry ({@code int} milliseconds). */
    public static final int TIME_BYTES = Integer.BYTES;
    /** Bytes of one value ({@code float}: 7 significant digits, more than a plot or a CSV of rates needs). */
    public static final int VALUE_BYTES = Float.BYTES;

    private final int[] times;
    private final float[][] values;
    private int head; // next slot to write
    private int size;
    private long appended;

    /** A ring of {@code capacity} samples of {@code columns} values each. */
    public SampleRing(int capacity, int columns) {
        if (capacity < 1 || columns < 1) {
            throw new IllegalArgumentException(
                    "capacity and columns must be at least 1, got " + capacity + " and " + columns);
        }
        times = new int[capacity];
        values = new float[columns][capacity];
    }

    /**
     * Appends one sample taken at {@code timeMs}; {@code row} holds one value per column and stays the caller's
     * (it is copied). Times must not go backwards.
     */
    public void append(int timeMs, float[] row) {
        if (row.length != values.length) {
            throw new IllegalArgumentException("a sample has " + values.length + " values, got " + row.length);
        }
        if (size > 0 && timeMs < timeMs(size - 1)) {
            throw new IllegalArgumentException("time went backwards: " + timeMs + " ms after " + timeMs(size - 1));
        }
        times[head] = timeMs;
        for (int c = 0; c < values.length; c++) {
            values[c][head] = row[c];
        }
        head = (head + 1) % times.length;
        size = Math.min(size + 1, times.length);
        appended++;
    }

    /** The slot of the {@code i}-th oldest sample kept. */
    private int slot(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + size);
        }
        int start = size < times.length ? 0 : head;
        return (start + i) % times.length;
    }

    /** Milliseconds since the origin of the {@code i}-th oldest sample kept. */
    public int timeMs(int i) {
        return times[slot(i)];
    }

    /** Value of column {@code column} in the {@code i}-th oldest sample kept. */
    public float value(int column, int i) {
        return values[column][slot(i)];
    }

    /** Samples kept now (at most {@link #capacity()}). */
    public int size() {
        return size;
    }

    /** Samples appended since creation (or {@link #clear()}), kept or overwritten. */
    public long appended() {
        return appended;
    }

    /** Samples this ring keeps at most. */
    public int capacity() {
        return times.length;
    }

    /** Value columns per sample. */
    public int columns() {
        return values.length;
    }

    /** Forgets every sample (the memory stays allocated). */
    public void clear() {
        head = 0;
        size = 0;
        appended = 0;
        Arrays.fill(times, 0);
    }

    /** The heap this ring's arrays take: capacity x (time + columns x value), array headers aside. */
    public long bytes() {
        return bytesFor(times.length, values.length);
    }

    /** The bytes a ring of {@code capacity} samples of {@code columns} values takes (array headers aside). */
    public static long bytesFor(int capacity, int columns) {
        return (long) capacity * (TIME_BYTES + (long) columns * VALUE_BYTES);
    }
}
