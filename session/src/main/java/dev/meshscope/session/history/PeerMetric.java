// SPDX-License-Identifier: MIT
package dev.meshscope.session.history;

/**
 * The series kept per remote peer (one column each of the peer's {@link SampleRing}), all from the connection's wire
 * statistics ({@code WireStats}, reported every 2 s): each sample holds the newest report's values, NaN once the
 * newest report is older than {@link SessionHistory#WIRE_STALE_MS}.
 */
public enum PeerMetric {
    /** The selected candidate pair's current STUN round trip, as the transport measures it. */
    TRANSPORT_RTT("transport RTT", "ms"),
    /** Bytes the transport sent per second (DTLS and SCTP overhead included), between the last two reports. */
    WIRE_BYTES_OUT("wire bytes/s out", "B/s"),
    /** Bytes the transport received per second, between the last two reports. */
    WIRE_BYTES_IN("wire bytes/s in", "B/s"),
    /** UDP packets the transport sent per second, between the last two reports. */
    WIRE_PACKETS_OUT("wire packets/s out", "1/s"),
    /** UDP packets the transport received per second, between the last two reports. */
    WIRE_PACKETS_IN("wire packets/s in", "1/s");

    private final String label;
    private final String unit;

    PeerMetric(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    /** Words for a legend or a CSV header. */
    public String label() {
        return label;
    }

    /** The unit ("ms", "B/s", "1/s"). */
    public String unit() {
        return unit;
    }
}
