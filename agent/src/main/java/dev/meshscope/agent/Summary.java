// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The end of a {@code --send} run: the one JSON line printed on stdout, and the exit code that says whether
 * everything came back. Immutable; built on the owner thread, printed by the main thread.
 *
 * <p>The line: {@code {"event":"SendSummary","id":2,"ok":true,"exitCode":0,"send":50,"size":300,"form":"binary",
 * "rate":0,"flows":[{"peerId":1,"channel":0,"label":"reliable","sent":50,"back":50,...}],"total":{...}}}; the fields
 * of a flow are those of {@link FlowSummary} (round trips {@code null} when nothing came back), {@code total} sums
 * the counts.
 *
 * @param ownId the agent's peer id
 * @param plan  what was asked for
 * @param flows every (peer, channel) the run sent to, in the order they started
 */
record Summary(int ownId, SendPlan plan, List<FlowSummary> flows) {
    /** Exit code: some packets did not come back right (lost, not sent, duplicated, wrong channel or form, damaged). */
    static final int EXIT_INCOMPLETE = 5;
    /** Exit code: no peer to send to ever connected, so nothing was sent. */
    static final int EXIT_NOTHING_SENT = 6;
    /** Decimals kept for milliseconds and MB/s: microseconds and kB/s are below what a run can resolve. */
    private static final int DECIMALS = 3;

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** Copies the list. */
    Summary {
        flows = List.copyOf(flows);
    }

    /** True when every flow brought every packet back right. */
    boolean ok() {
        return !flows.isEmpty() && flows.stream().allMatch(FlowSummary::allBack);
    }

    /** 0 all back, {@link #EXIT_NOTHING_SENT} when no flow started, else {@link #EXIT_INCOMPLETE}. */
    int exitCode() {
        if (flows.isEmpty()) {
            return EXIT_NOTHING_SENT;
        }
        return ok() ? 0 : EXIT_INCOMPLETE;
    }

    /** The summary as one line of JSON. */
    String toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("event", "SendSummary");
        n.put("id", ownId);
        n.put("ok", ok());
        n.put("exitCode", exitCode());
        n.put("send", plan.count());
        n.put("size", plan.size());
        n.put("form", plan.text() ? "text" : "binary");
        n.put("rate", plan.rate());
        ArrayNode arr = n.putArray("flows");
        long[] total = new long[COUNT_NAMES.size()];
        for (FlowSummary f : flows) {
            ObjectNode o = arr.addObject();
            o.put("peerId", f.peerId());
            o.put("channel", f.channel());
            o.put("label", f.label());
            long[] counts = {
                f.planned(),
                f.sent(),
                f.notSent(),
                f.back(),
                f.lost(),
                f.duplicates(),
                f.reordered(),
                f.wrongChannel(),
                f.wrongForm(),
                f.corrupted()
            };
            for (int i = 0; i < COUNT_NAMES.size(); i++) {
                o.put(COUNT_NAMES.get(i), counts[i]);
                total[i] += counts[i];
            }
            putMillis(o, "rttMedianMs", f.rttMedianMs());
            putMillis(o, "rttP99Ms", f.rttP99Ms());
            o.put("bytesBack", f.bytesBack());
            putMillis(o, "durationMs", f.durationMs());
            putMillis(o, "throughputMBps", f.throughputMBps());
            o.put("allBack", f.allBack());
        }
        ObjectNode t = n.putObject("total");
        for (int i = 0; i < COUNT_NAMES.size(); i++) {
            t.put(COUNT_NAMES.get(i), total[i]);
        }
        return n.toString();
    }

    /** The counts of a flow, in the order they are printed and summed. */
    private static final List<String> COUNT_NAMES = List.of(
            "planned",
            "sent",
            "notSent",
            "back",
            "lost",
            "duplicates",
            "reordered",
            "wrongChannel",
            "wrongForm",
            "corrupted");

    private static void putMillis(ObjectNode o, String name, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(name);
        } else {
            o.put(name, BigDecimal.valueOf(v).setScale(DECIMALS, RoundingMode.HALF_UP));
        }
    }
}
