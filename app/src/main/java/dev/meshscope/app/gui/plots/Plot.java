// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.plots;

import dev.meshscope.session.history.HistoryMarker;
import java.util.List;

/**
 * What the chart shows at one moment: which plot, of which peer and channel, its lines and the events to mark.
 * Immutable.
 *
 * @param kind         the plot
 * @param peerId       the remote peer, 0 when there is none yet
 * @param channel      the channel index, or {@link PlotData#ALL_CHANNELS}
 * @param series       the lines
 * @param markers      the events of this peer and of the whole session, oldest first
 * @param originMillis wall clock of the history's time 0 (marker times are relative to it)
 */
public record Plot(
        PlotKind kind,
        int peerId,
        int channel,
        List<PlotSeries> series,
        List<HistoryMarker> markers,
        long originMillis) {
    /** Copies the lists. */
    public Plot {
        series = List.copyOf(series);
        markers = List.copyOf(markers);
    }

    /** The time axis value (epoch seconds) of a marker. */
    public double markerX(HistoryMarker m) {
        return (originMillis + m.timeMs()) / 1000.0;
    }

    /** A plot with nothing to show. */
    public static Plot empty(PlotKind kind) {
        return new Plot(kind, 0, PlotData.ALL_CHANNELS, List.of(), List.of(), 0);
    }
}
