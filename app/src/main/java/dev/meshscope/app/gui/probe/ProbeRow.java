// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.probe;

import dev.meshscope.app.gui.links.Departures;
import dev.meshscope.core.probe.ProbeStats;

/**
 * One row of the probe table: results for one (peer, channel) with the channel's label. Immutable.
 *
 * @param label    the channel label ("reliable", "ordered", "unreliable", "4", ...)
 * @param stats    the figures (the last ones seen, for a departed peer)
 * @param departed when and why the peer left, or {@code null} while it is there
 */
public record ProbeRow(String label, ProbeStats stats, Departures.Departure departed) {
    /** A row of a peer that is there. */
    public ProbeRow(String label, ProbeStats stats) {
        this(label, stats, null);
    }

    /** The remote peer. */
    public int peerId() {
        return stats.peerId();
    }

    /** The internal channel index. */
    public int channel() {
        return stats.channel();
    }

    /** "" while the peer is there, else when and why it left. */
    public String status() {
        return departed == null ? "" : departed.describe();
    }
}
