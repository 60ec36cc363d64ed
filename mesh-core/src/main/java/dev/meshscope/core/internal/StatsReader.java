// SPDX-License-Identifier: MIT
package dev.meshscope.core.internal;

import dev.meshscope.core.snapshot.WireStats;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reduces a webrtc-java stats report to {@link WireStats}. Pure; called in the stats callback. */
final class StatsReader {
    private StatsReader() {}

    static WireStats read(RTCStatsReport report) {
        Map<String, RTCStats> all = report.getStats();
        RTCStats transport = null;
        List<WireStats.ChannelWireStats> channels = new ArrayList<>();
        List<String> locals = new ArrayList<>();
        List<String> remotes = new ArrayList<>();
        for (RTCStats s : all.values()) {
            if (s.getType() == RTCStatsType.LOCAL_CANDIDATE) {
                locals.add(candidate(s));
            } else if (s.getType() == RTCStatsType.REMOTE_CANDIDATE) {
                remotes.add(candidate(s));
            } else if (s.getType() == RTCStatsType.TRANSPORT && transport == null) {
                transport = s;
            } else if (s.getType() == RTCStatsType.DATA_CHANNEL) {
                Map<String, Object> a = s.getAttributes();
                channels.add(new WireStats.ChannelWireStats(
                        (int) num(a, "dataChannelIdentifier"),
                        str(a, "label"),
                        str(a, "state"),
                        num(a, "messagesSent"),
                        num(a, "bytesSent"),
                        num(a, "messagesReceived"),
                        num(a, "bytesReceived")));
            }
        }
        channels.sort(Comparator.comparingInt(WireStats.ChannelWireStats::streamId));
        locals.sort(Comparator.naturalOrder());
        remotes.sort(Comparator.naturalOrder());
        if (transport == null) {
            return new WireStats(
                    System.currentTimeMillis(),
                    "",
                    "",
                    "",
                    Double.NaN,
                    -1,
                    -1,
                    -1,
                    -1,
                    "",
                    "",
                    channels,
                    locals,
                    remotes);
        }
        Map<String, Object> t = transport.getAttributes();
        String pairId = str(t, "selectedCandidatePairId");
        RTCStats pair = pairId.isEmpty() ? null : all.get(pairId);
        String local = "";
        String remote = "";
        double rtt = Double.NaN;
        if (pair != null) {
            Map<String, Object> p = pair.getAttributes();
            local = candidate(all.get(str(p, "localCandidateId")));
            remote = candidate(all.get(str(p, "remoteCandidateId")));
            Object r = p.get("currentRoundTripTime");
            if (r instanceof Number) {
                rtt = ((Number) r).doubleValue() * 1000.0;
            }
        }
        return new WireStats(
                System.currentTimeMillis(),
                local.isEmpty() ? "" : local + " -> " + remote,
                local,
                remote,
                rtt,
                num(t, "bytesSent"),
                num(t, "bytesReceived"),
                num(t, "packetsSent"),
                num(t, "packetsReceived"),
                str(t, "iceState"),
                str(t, "dtlsState"),
                channels,
                locals,
                remotes);
    }

    private static String candidate(@Nullable RTCStats c) {
        if (c == null) {
            return "";
        }
        Map<String, Object> a = c.getAttributes();
        String addr = str(a, "address");
        if (addr.isEmpty()) {
            addr = str(a, "ip");
        }
        return str(a, "candidateType") + " " + str(a, "protocol") + " " + addr + ":" + num(a, "port");
    }

    private static long num(Map<String, Object> a, String key) {
        Object v = a.get(key);
        return v instanceof Number ? ((Number) v).longValue() : -1;
    }

    private static String str(Map<String, Object> a, String key) {
        Object v = a.get(key);
        return v == null ? "" : v.toString();
    }
}
