// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.plots;

/** What one plot shows; each is one chart with one y axis (its unit). */
public enum PlotKind {
    /** Probe round trip per channel (and the app's, for one channel) beside the transport's STUN round trip. */
    RTT("Round trip", "ms"),
    /** Application payload bytes/s each way beside the transport's bytes/s each way. */
    THROUGHPUT("Bytes/s", "B/s"),
    /** Messages/s each way beside the transport's UDP packets/s each way. */
    PACKETS("Packets/s", "1/s"),
    /** Bytes queued for sending, and packets an impairment holds. */
    BUFFERED("Buffered", "B"),
    /** Probes lost and late per second, impairment drops and other drops per second. */
    LOSS("Loss", "1/s");

    private final String title;
    private final String unit;

    PlotKind(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    /** The plot's name in the chooser and the CSV header. */
    public String title() {
        return title;
    }

    /** The y axis unit. */
    public String unit() {
        return unit;
    }

    @Override
    public String toString() {
        return title;
    }
}
