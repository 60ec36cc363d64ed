// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.links;

import dev.meshscope.core.impair.Impairment;
import java.util.Locale;

/**
 * Reads the impairment fields as typed: each bad field gets a message naming the field, what it takes and what was
 * typed; a blank field means 0 (no delay, no loss, no cap). Pure; any thread.
 */
public final class ImpairmentForm {
    /** Largest silent threshold accepted, in ms: ten minutes is far past any game's timeout, so more is a typo. */
    public static final long MAX_SILENT_MILLIS = 600_000;
    /**
     * Smallest silent threshold accepted, in ms: states reach the window every 100 ms, so a shorter threshold would
     * flag links silent between two packets of a 10 Hz game.
     */
    public static final long MIN_SILENT_MILLIS = 100;

    private ImpairmentForm() {}

    /** The remote peer to impair: one peer id (1 .. 2147483647), or throws with the reason. */
    public static int peer(String text) {
        String t = text == null ? "" : text.trim();
        try {
            int v = Integer.parseInt(t);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Reported below with the text as typed.
        }
        throw new IllegalArgumentException("Peer: the id of one remote peer (select it in the graph), not \"" + t
                + "\" (impairments apply to one link at a time).");
    }

    /**
     * The impairment the fields describe, or throws {@link IllegalArgumentException} whose message names the field
     * and the fix (nothing is sent then).
     */
    public static Impairment parse(String delay, String jitter, String loss, String bandwidth, boolean paused) {
        int d = millis("Delay", delay);
        int j = millis("Jitter", jitter);
        double l = percent(loss);
        long b = bandwidth(bandwidth);
        Impairment i = new Impairment(d, j, l, b, paused);
        String p = i.problem();
        if (p != null) {
            throw new IllegalArgumentException("Impairment: " + p);
        }
        return i;
    }

    private static int millis(String field, String text) {
        String t = blankToZero(text);
        try {
            int v = Integer.parseInt(t);
            if (v >= 0 && v <= Impairment.MAX_DELAY_MS) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Reported below with the text as typed.
        }
        throw new IllegalArgumentException(field + ": a whole number of milliseconds from 0 to "
                + Impairment.MAX_DELAY_MS + ", not \"" + t + "\".");
    }

    private static double percent(String text) {
        String t = blankToZero(text);
        String n = t.endsWith("%") ? t.substring(0, t.length() - 1).trim() : t;
        try {
            double v = Double.parseDouble(n);
            if (v >= 0 && v <= 100) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Reported below with the text as typed.
        }
        throw new IllegalArgumentException("Loss: a percentage from 0 to 100 (10 or 2.5), not \"" + t + "\".");
    }

    private static long bandwidth(String text) {
        String t = blankToZero(text);
        String lower = t.toLowerCase(Locale.ROOT);
        long unit = 1;
        if (lower.endsWith("k")) {
            unit = 1000;
            lower = lower.substring(0, lower.length() - 1).trim();
        }
        try {
            long v = Long.parseLong(lower);
            if (v >= 0 && v <= Long.MAX_VALUE / unit) {
                return v * unit;
            }
        } catch (NumberFormatException e) {
            // Reported below with the text as typed.
        }
        throw new IllegalArgumentException("Bandwidth: bytes per second (0 = no cap, at least "
                + Impairment.MIN_BANDWIDTH + "; 64k = 64000), not \"" + t + "\".");
    }

    /** The silent threshold in ms from seconds as typed ("2", "0.5"), or throws with the reason. */
    public static long silentMillis(String seconds) {
        String t = seconds == null ? "" : seconds.trim();
        try {
            double s = Double.parseDouble(t);
            long ms = Math.round(s * 1000);
            if (!Double.isNaN(s) && ms >= MIN_SILENT_MILLIS && ms <= MAX_SILENT_MILLIS) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // Reported below with the text as typed.
        }
        throw new IllegalArgumentException("Silent after: seconds from " + MIN_SILENT_MILLIS / 1000.0 + " to "
                + MAX_SILENT_MILLIS / 1000 + " (2 or 0.5), not \"" + t + "\".");
    }

    private static String blankToZero(String text) {
        String t = text == null ? "" : text.trim();
        return t.isEmpty() ? "0" : t;
    }
}
