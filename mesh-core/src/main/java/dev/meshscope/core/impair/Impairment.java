// SPDX-License-Identifier: MIT
package dev.meshscope.core.impair;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How to make one direction of a link worse: a fixed delay, uniform jitter around it, random loss, a bandwidth cap
 * and pause (hold everything until unpaused). Immutable; any thread.
 *
 * <p>What it does not model: reordering below SCTP (a reliable ordered channel never reorders, so jitter there only
 * stretches gaps; unordered outbound channels may reorder), retransmission (a "lost" packet on a reliable channel is
 * simply never handed to libwebrtc), and the transport's own round-trip time (ICE/STUN checks bypass it).
 *
 * @param delayMs                 added one-way delay in milliseconds
 * @param jitterMs                each packet's delay varies uniformly within {@code delayMs ± jitterMs} (never below 0)
 * @param lossPercent             chance, in percent, that a packet is dropped
 * @param bandwidthBytesPerSecond bytes per second the direction may carry, 0 for no cap
 * @param paused                  hold every packet until the impairment is replaced by an unpaused one
 */
public record Impairment(int delayMs, int jitterMs, double lossPercent, long bandwidthBytesPerSecond, boolean paused) {

    /** No impairment: packets pass straight through, at no cost. */
    public static final Impairment NONE = new Impairment(0, 0, 0, 0, false);

    /** Longest delay or jitter accepted: a minute is far past any game's timeout, so more is a typo. */
    public static final int MAX_DELAY_MS = 60_000;

    /**
     * Smallest bandwidth cap accepted: at 1000 B/s one 16 KiB Godot packet already takes 16 s to leave, so anything
     * lower stalls every channel rather than shaping it.
     */
    public static final long MIN_BANDWIDTH = 1000;

    /** Only a delay. */
    public static Impairment delay(int ms) {
        return new Impairment(ms, 0, 0, 0, false);
    }

    /** Whether packets pass through untouched. */
    public boolean isNone() {
        return delayMs == 0 && jitterMs == 0 && lossPercent == 0 && bandwidthBytesPerSecond == 0 && !paused;
    }

    /** Why this impairment cannot be applied, saying what to write instead, or {@code null}. */
    public @Nullable String problem() {
        if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
            return "the delay must be 0 to " + MAX_DELAY_MS + " ms, not " + delayMs + ".";
        }
        if (jitterMs < 0 || jitterMs > MAX_DELAY_MS) {
            return "the jitter must be 0 to " + MAX_DELAY_MS + " ms, not " + jitterMs + ".";
        }
        if (Double.isNaN(lossPercent) || lossPercent < 0 || lossPercent > 100) {
            return "the loss must be a percentage from 0 to 100, not " + lossPercent + ".";
        }
        if (bandwidthBytesPerSecond != 0 && bandwidthBytesPerSecond < MIN_BANDWIDTH) {
            return "the bandwidth cap must be 0 (no cap) or at least " + MIN_BANDWIDTH + " bytes/s, not "
                    + bandwidthBytesPerSecond + ".";
        }
        return null;
    }

    /** A short description for the graph edge and the log, e.g. {@code "40±5 ms, 10% loss, 64 KB/s"}. */
    public String describe() {
        if (isNone()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (delayMs > 0 || jitterMs > 0) {
            parts.add(delayMs + (jitterMs > 0 ? "±" + jitterMs : "") + " ms");
        }
        if (lossPercent > 0) {
            parts.add(String.format(Locale.ROOT, "%s%% loss", trim(lossPercent)));
        }
        if (bandwidthBytesPerSecond > 0) {
            parts.add(
                    bandwidthBytesPerSecond >= 1000
                            ? trim(bandwidthBytesPerSecond / 1000.0) + " KB/s"
                            : bandwidthBytesPerSecond + " B/s");
        }
        if (paused) {
            parts.add("paused");
        }
        return String.join(", ", parts);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
