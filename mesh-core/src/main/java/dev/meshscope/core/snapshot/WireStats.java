// SPDX-License-Identifier: MIT
package dev.meshscope.core.snapshot;

import java.util.List;

/**
 * What libwebrtc's {@code getStats} reports for one connection, reduced to what a data-channel debugger
 * shows. Immutable. Numbers that the report did not carry are -1 (or NaN for the round-trip time).
 *
 * @param atMillis         wall clock when the report was produced
 * @param selectedPair     "local -> remote" of the selected candidate pair, or "" when none is selected
 * @param localCandidate   the selected local candidate as "type protocol address:port", or ""
 * @param remoteCandidate  the selected remote candidate as "type protocol address:port", or ""
 * @param currentRttMs     the selected pair's current STUN round-trip time in milliseconds, or NaN
 * @param bytesSent        bytes the transport sent (all data channels, DTLS and SCTP overhead included)
 * @param bytesReceived    bytes the transport received
 * @param packetsSent      UDP packets the transport sent
 * @param packetsReceived  UDP packets the transport received
 * @param iceState         the transport's ICE state as libwebrtc names it
 * @param dtlsState        the transport's DTLS state as libwebrtc names it
 * @param channels         per data channel counters as libwebrtc counts them
 * @param localCandidates  every local candidate the report lists, as "type protocol address:port"
 * @param remoteCandidates every remote candidate the report lists, the same way
 */
public record WireStats(
        long atMillis,
        String selectedPair,
        String localCandidate,
        String remoteCandidate,
        double currentRttMs,
        long bytesSent,
        long bytesReceived,
        long packetsSent,
        long packetsReceived,
        String iceState,
        String dtlsState,
        List<ChannelWireStats> channels,
        List<String> localCandidates,
        List<String> remoteCandidates) {
    /** Copies the lists. */
    public WireStats {
        channels = List.copyOf(channels);
        localCandidates = List.copyOf(localCandidates);
        remoteCandidates = List.copyOf(remoteCandidates);
    }

    /** A report without the candidate lists. */
    public WireStats(
            long atMillis,
            String selectedPair,
            String localCandidate,
            String remoteCandidate,
            double currentRttMs,
            long bytesSent,
            long bytesReceived,
            long packetsSent,
            long packetsReceived,
            String iceState,
            String dtlsState,
            List<ChannelWireStats> channels) {
        this(
                atMillis,
                selectedPair,
                localCandidate,
                remoteCandidate,
                currentRttMs,
                bytesSent,
                bytesReceived,
                packetsSent,
                packetsReceived,
                iceState,
                dtlsState,
                channels,
                List.of(),
                List.of());
    }

    /** Whether the selected pair goes through a TURN server (either end is a relay candidate). */
    public boolean relayed() {
        return localCandidate.startsWith("relay") || remoteCandidate.startsWith("relay");
    }

    /** One data channel as libwebrtc's stats report counts it. */
    public record ChannelWireStats(
            int streamId,
            String label,
            String state,
            long messagesSent,
            long bytesSent,
            long messagesReceived,
            long bytesReceived) {}

    /** A short line for the event log. */
    public String summary() {
        String rtt = Double.isNaN(currentRttMs) ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f ms", currentRttMs);
        return "rtt " + rtt + ", wire " + bytesSent + " B out / " + bytesReceived + " B in, ice " + iceState + ", dtls "
                + dtlsState + (selectedPair.isEmpty() ? "" : ", pair " + selectedPair);
    }
}
