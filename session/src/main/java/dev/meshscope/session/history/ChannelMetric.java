// SPDX-License-Identifier: MIT
package dev.meshscope.session.history;

/**
 * The series kept per (remote peer, channel): one column each of the channel's {@link SampleRing}. Rates are the
 * difference of a counter between two samples divided by the time between them (NaN for a channel's first sample and
 * when a counter went back, i.e. the peer was added again or the probes were cleared). Probe values come from the
 * probe table's statistics at the sample's moment.
 */
public enum ChannelMetric {
    /** The probe table's median round trip (pong answered on arrival: the network's). */
    PROBE_RTT("probe RTT", "ms"),
    /** The probe table's median round trip up to when the owner read the pong (probe RTT plus MeshScope's loop). */
    APP_RTT("app RTT", "ms"),
    /** Application payload bytes handed to the channel per second. */
    BYTES_OUT("app bytes/s out", "B/s"),
    /** Application payload bytes that arrived per second. */
    BYTES_IN("app bytes/s in", "B/s"),
    /** Messages handed to the channel per second. */
    PACKETS_OUT("packets/s out", "1/s"),
    /** Messages that arrived per second. */
    PACKETS_IN("packets/s in", "1/s"),
    /** Bytes queued for sending at the sample's moment. */
    BUFFERED("buffered", "B"),
    /** Packets an impairment holds at the sample's moment. */
    HELD("held", "packets"),
    /** Probe pings declared lost per second. */
    PROBE_LOST("probes lost/s", "1/s"),
    /** Probe pongs counted late per second. */
    PROBE_LATE("probes late/s", "1/s"),
    /** Packets an impairment dropped on purpose per second (both directions). */
    IMPAIRED_DROPS("impairment drops/s", "1/s"),
    /** Packets refused before the wire or dropped on a full receive queue per second. */
    DROPS("drops/s", "1/s");

    private final String label;
    private final String unit;

    ChannelMetric(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    /** Words for a legend or a CSV header. */
    public String label() {
        return label;
    }

    /** The unit ("ms", "B/s", "1/s", "B", "packets"). */
    public String unit() {
        return unit;
    }
}
