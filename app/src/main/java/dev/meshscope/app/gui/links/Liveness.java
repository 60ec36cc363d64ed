// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.links;

import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import java.util.Locale;

/**
 * "Last packet received N s ago" and the time rule of silence, shared by the channel table, the graph and the
 * transport view: nothing arrived for longer than the operator's threshold (the probes' late threshold,
 * {@code SessionControls.lateThreshold}); {@link LinkSilence} adds "and this peer sent since". Pure; any thread.
 */
public final class Liveness {
    private Liveness() {}

    /** The newest arrival on any of the peer's channels (wall clock), 0 when nothing has arrived. */
    public static long newestReceipt(PeerSnapshot p) {
        long newest = 0;
        for (ChannelSnapshot c : p.channels()) {
            newest = Math.max(newest, c.lastReceivedAtMillis());
        }
        return newest;
    }

    /** Whether a link whose last arrival was at {@code lastMillis} is silent at {@code nowMillis}. */
    public static boolean silent(long lastMillis, long nowMillis, long thresholdMillis) {
        return lastMillis > 0 && nowMillis - lastMillis > thresholdMillis;
    }

    /** "never", "0.4 s ago", "12 s ago", "3 min ago". */
    public static String ago(long lastMillis, long nowMillis) {
        if (lastMillis <= 0) {
            return "never";
        }
        double s = Math.max(0, nowMillis - lastMillis) / 1000.0;
        if (s < 10) {
            return String.format(Locale.ROOT, "%.1f s ago", s);
        }
        if (s < 120) {
            return (long) s + " s ago";
        }
        return (long) (s / 60) + " min ago";
    }

    /** "silent 7 s" (whole seconds, so a silent graph label changes once a second, not on every state). */
    public static String silentText(long lastMillis, long nowMillis) {
        return "silent " + Math.max(0, nowMillis - lastMillis) / 1000 + " s";
    }
}
