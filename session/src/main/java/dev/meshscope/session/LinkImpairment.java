// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.core.impair.ImpairDirection;
import dev.meshscope.core.impair.Impairment;
import java.util.Objects;

/**
 * One impairment the operator set: on the link to {@code peerId}, on one internal channel or every channel
 * ({@link #ALL_CHANNELS}, one shared bandwidth cap), in one direction. Immutable.
 */
public record LinkImpairment(int peerId, int channel, ImpairDirection direction, Impairment impairment) {
    /** {@link #channel} for every channel of the peer. */
    public static final int ALL_CHANNELS = -1;

    /** Checks the fields are present. */
    public LinkImpairment {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(impairment, "impairment");
    }

    /** Whether this and {@code o} set the same (peer, channel, direction). */
    boolean sameTarget(LinkImpairment o) {
        return peerId == o.peerId && channel == o.channel && direction == o.direction;
    }

    /** One line for the log and the graph edge, e.g. {@code "outbound to peer 3: 40 ms, 10% loss"}. */
    public String describe() {
        return direction.name().toLowerCase(java.util.Locale.ROOT)
                + (direction == ImpairDirection.OUTBOUND ? " to" : " from")
                + " peer " + peerId + (channel == ALL_CHANNELS ? "" : " channel " + channel) + ": "
                + impairment.describe();
    }
}
