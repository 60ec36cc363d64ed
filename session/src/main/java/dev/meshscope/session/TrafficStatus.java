// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import java.util.ArrayList;
import java.util.List;

/**
 * Progress of the current (or last) test-packet burst. Immutable.
 *
 * @param active           a burst is being sent
 * @param stopped          the operator stopped the burst before it ended
 * @param sent             packets handed to the channels so far in this burst
 * @param planned          packets the burst sends in all (count x peers x channels when it started)
 * @param refusedQueueFull packets a channel refused because its send queue was full ({@code ERR_BUSY})
 * @param refusedClosed    packets not sent because their channel closed or their peer left during the burst
 * @param refusedOther     packets a channel refused for another reason (too large, not open yet; the event log
 *                         has each reason)
 * @param waiting          times a packet was held back because a send buffer was above the back-pressure threshold
 */
public record TrafficStatus(
        boolean active,
        boolean stopped,
        long sent,
        long planned,
        long refusedQueueFull,
        long refusedClosed,
        long refusedOther,
        long waiting) {
    /** Nothing sent yet. */
    public static final TrafficStatus IDLE = new TrafficStatus(false, false, 0, 0, 0, 0, 0, 0);

    /** Packets refused in all. */
    public long refused() {
        return refusedQueueFull + refusedClosed + refusedOther;
    }

    /**
     * The burst in words: "sending: 120 of 300 sent, waited 4x for buffers", "done: 280 of 300 sent, 20 refused
     * (20 channel closed)", "stopped: 40 of 300 sent, 260 not sent", or "idle".
     */
    public String describe() {
        if (planned == 0) {
            return "idle";
        }
        StringBuilder b = new StringBuilder(active ? "sending" : stopped ? "stopped" : "done")
                .append(": ")
                .append(sent)
                .append(" of ")
                .append(planned)
                .append(" sent");
        if (refused() > 0) {
            List<String> why = new ArrayList<>();
            if (refusedQueueFull > 0) {
                why.add(refusedQueueFull + " send queue full");
            }
            if (refusedClosed > 0) {
                why.add(refusedClosed + " channel closed or peer gone");
            }
            if (refusedOther > 0) {
                why.add(refusedOther + " refused by the channel, reason in the log");
            }
            b.append(", ")
                    .append(refused())
                    .append(" refused (")
                    .append(String.join(", ", why))
                    .append(')');
        }
        long unsent = planned - sent - refused();
        if (stopped && unsent > 0) {
            b.append(", ").append(unsent).append(" not sent");
        }
        if (active && waiting > 0) {
            b.append(", waited ").append(waiting).append("x for buffers");
        }
        return b.toString();
    }
}
