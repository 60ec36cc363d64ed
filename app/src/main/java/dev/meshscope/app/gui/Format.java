// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and time formatting shared by the tables. Pure; any thread. */
public final class Format {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    private Format() {}

    /** 1234567 -> "1.23 M", 999 -> "999". */
    public static String count(double v) {
        double a = Math.abs(v);
        if (a < 1000) {
            return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
        }
        if (a < 1e6) {
            return String.format(Locale.ROOT, "%.1f k", v / 1e3);
        }
        if (a < 1e9) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f G", v / 1e9);
    }

    /** Bytes with binary units: "512 B", "1.5 KiB", "3.20 MiB". */
    public static String bytes(double v) {
        double a = Math.abs(v);
        if (a < 1024) {
            return (long) v + " B";
        }
        if (a < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", v / 1024);
        }
        if (a < 1024.0 * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.2f MiB", v / (1024 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", v / (1024.0 * 1024 * 1024));
    }

    /** Milliseconds with sensible precision, "-" for NaN. */
    public static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        return ms < 10 ? String.format(Locale.ROOT, "%.2f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    /** Local wall-clock time of day with milliseconds. */
    public static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }
}
