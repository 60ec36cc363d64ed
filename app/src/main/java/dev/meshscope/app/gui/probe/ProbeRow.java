// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.probe;

import dev.meshscope.core.probe.ProbeStats;

/**
 * One row of the probe table: results for one (peer, channel) with the channel's label. Immutable.
 *
 * @param label the channel label ("reliable", "ordered", "unreliable", "4", ...)
 * @param stats the figures
 */
public record ProbeRow(String label, ProbeStats stats) {
    /** The remote peer. */
    public int peerId() {
        return stats.peerId();
    }

    /** The internal channel index. */
    public int channel() {
        return stats.channel();
    }
}
