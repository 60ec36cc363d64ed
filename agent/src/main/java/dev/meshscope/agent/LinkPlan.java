// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.IceTransportPolicy;
import dev.meshscope.core.RtcConfiguration;
import java.time.Duration;
import java.util.List;

/**
 * What {@link LinkOptions} asked for, after validation. Immutable.
 *
 * @param impairments   the impairments, applied to every matching peer when it joins
 * @param lateThreshold when an unanswered probe counts as late, or {@code null} for mesh-core's default
 * @param ice           the ICE configuration of every connection (servers and transport policy)
 */
record LinkPlan(List<ImpairSpec> impairments, Duration lateThreshold, RtcConfiguration ice) {
    /** Copies the list. */
    LinkPlan {
        impairments = List.copyOf(impairments);
    }

    /** Whether only relay candidates are used. */
    boolean relayOnly() {
        return ice.iceTransportPolicy() == IceTransportPolicy.RELAY;
    }
}
