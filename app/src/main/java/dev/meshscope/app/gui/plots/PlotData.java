// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.plots;

import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.session.history.ChannelMetric;
import dev.meshscope.session.history.HistoryMarker;
import dev.meshscope.session.history.PeerHistory;
import dev.meshscope.session.history.PeerMetric;
import dev.meshscope.session.history.SampleRing;
import dev.meshscope.session.history.SessionHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Plot} from a {@link SessionHistory}: which series each {@link PlotKind} draws, channels summed
 * when every channel is chosen (aligned on sample times; NaN only where every channel is NaN). Plain Java; called on
 * the history's owner thread (the FX thread).
 */
public final class PlotData {
    /** The channel choice that draws every channel (rates summed, one probe RTT line per channel). */
    public static final int ALL_CHANNELS = -1;
    /** Markers drawn at most (the newest): each is a line and a label on the chart. */
    public static final int MAX_MARKERS_DRAWN = 80;

    private PlotData() {}

    /**
     * The plot of {@code kind} for {@code peerId} and {@code channel}, with samples up to {@code untilMs} (history
     * time; {@link Integer#MAX_VALUE} for all).
     */
    public static Plot build(SessionHistory history, PlotKind kind, int peerId, int channel, int untilMs) {
        PeerHistory p = history.peerHistory(peerId);
        if (p == null) {
            return Plot.empty(kind);
        }
        long origin = history.originMillis();
        List<PlotSeries> out = new ArrayList<>();
        List<Integer> chans = channel == ALL_CHANNELS ? List.copyOf(p.channelIndices()) : List.of(channel);
        String where = channel == ALL_CHANNELS ? "" : " ch " + channel;
        switch (kind) {
            case RTT -> {
                out.add(peerSeries(p, PeerMetric.TRANSPORT_RTT, origin, untilMs));
                for (int c : chans) {
                    SampleRing r = p.channel(c);
                    if (r != null) {
                        out.add(series(
                                "probe RTT " + WebRtcMultiplayerPeer.channelLabel(c) + " [ms]",
                                r,
                                List.of(r),
                                ChannelMetric.PROBE_RTT,
                                origin,
                                untilMs));
                    }
                }
                if (channel != ALL_CHANNELS) {
                    out.add(channelSeries(p, chans, ChannelMetric.APP_RTT, where, origin, untilMs));
                }
            }
            case THROUGHPUT -> {
                out.add(channelSeries(p, chans, ChannelMetric.BYTES_OUT, where, origin, untilMs));
                out.add(channelSeries(p, chans, ChannelMetric.BYTES_IN, where, origin, untilMs));
                out.add(peerSeries(p, PeerMetric.WIRE_BYTES_OUT, origin, untilMs));
                out.add(peerSeries(p, PeerMetric.WIRE_BYTES_IN, origin, untilMs));
            }
            case PACKETS -> {
                out.add(channelSeries(p, chans, ChannelMetric.PACKETS_OUT, where, origin, untilMs));
                out.add(channelSeries(p, chans, ChannelMetric.PACKETS_IN, where, origin, untilMs));
                out.add(peerSeries(p, PeerMetric.WIRE_PACKETS_OUT, origin, untilMs));
                out.add(peerSeries(p, PeerMetric.WIRE_PACKETS_IN, origin, untilMs));
            }
            case BUFFERED -> {
                out.add(channelSeries(p, chans, ChannelMetric.BUFFERED, where, origin, untilMs));
                out.add(channelSeries(p, chans, ChannelMetric.HELD, where, origin, untilMs));
            }
            case LOSS -> {
                out.add(channelSeries(p, chans, ChannelMetric.PROBE_LOST, where, origin, untilMs));
                out.add(channelSeries(p, chans, ChannelMetric.PROBE_LATE, where, origin, untilMs));
                out.add(channelSeries(p, chans, ChannelMetric.IMPAIRED_DROPS, where, origin, untilMs));
                out.add(channelSeries(p, chans, ChannelMetric.DROPS, where, origin, untilMs));
            }
        }
        return new Plot(kind, peerId, channel, out, markers(history, peerId, untilMs), origin);
    }

    /** The newest {@link #MAX_MARKERS_DRAWN} markers of {@code peerId} and of the whole session, up to {@code untilMs}. */
    static List<HistoryMarker> markers(SessionHistory history, int peerId, int untilMs) {
        List<HistoryMarker> all = history.markers();
        List<HistoryMarker> mine = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && mine.size() < MAX_MARKERS_DRAWN; i--) {
            HistoryMarker m = all.get(i);
            if ((m.peerId() == peerId || m.peerId() == 0) && m.timeMs() <= untilMs) {
                mine.add(0, m);
            }
        }
        return mine;
    }

    private static PlotSeries peerSeries(PeerHistory p, PeerMetric m, long origin, int untilMs) {
        SampleRing r = p.wire();
        return series(m.label() + " [" + m.unit() + "]", r, List.of(r), m.ordinal(), origin, untilMs);
    }

    private static PlotSeries channelSeries(
            PeerHistory p, List<Integer> chans, ChannelMetric m, String where, long origin, int untilMs) {
        List<SampleRing> rings = new ArrayList<>();
        for (int c : chans) {
            SampleRing r = p.channel(c);
            if (r != null) {
                rings.add(r);
            }
        }
        String name = m.label() + where + " [" + m.unit() + "]";
        if (rings.isEmpty()) {
            return new PlotSeries(name, new double[0], new double[0]);
        }
        // The longest ring sets the times (a channel added later has fewer samples; its tail aligns by time).
        SampleRing base = rings.get(0);
        for (SampleRing r : rings) {
            if (r.size() > base.size()) {
                base = r;
            }
        }
        return series(name, base, rings, m.ordinal(), origin, untilMs);
    }

    private static PlotSeries series(
            String name, SampleRing base, List<SampleRing> rings, ChannelMetric m, long origin, int untilMs) {
        return series(name, base, rings, m.ordinal(), origin, untilMs);
    }

    /** Sums column {@code col} of {@code rings} at {@code base}'s sample times up to {@code untilMs}. */
    private static PlotSeries series(
            String name, SampleRing base, List<SampleRing> rings, int col, long origin, int untilMs) {
        int n = 0;
        while (n < base.size() && base.timeMs(n) <= untilMs) {
            n++;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int t = base.timeMs(i);
            x[i] = (origin + t) / 1000.0;
            y[i] = sumAt(rings, base, i, t, col);
        }
        return new PlotSeries(name, x, y);
    }

    private static double sumAt(List<SampleRing> rings, SampleRing base, int i, int t, int col) {
        double sum = 0;
        boolean any = false;
        for (SampleRing r : rings) {
            int j = i - (base.size() - r.size());
            if (j < 0 || r.timeMs(j) != t) {
                continue;
            }
            float v = r.value(col, j);
            if (!Float.isNaN(v)) {
                sum += v;
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }
}
