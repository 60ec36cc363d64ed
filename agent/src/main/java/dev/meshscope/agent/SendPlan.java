// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import java.time.Duration;
import java.util.List;

/**
 * What {@code --send} and the script options ask for, after validation. Immutable.
 *
 * @param count            packets per (peer, channel); 0 when nothing is sent
 * @param size             bytes per packet ({@link SendPattern#MIN_SIZE}..{@link SendPattern#MAX_SIZE})
 * @param text             send text messages instead of binary ones
 * @param channels         internal channel indexes to send on, in order; empty means every channel
 * @param target           the peer to send to, or 0 for every peer that connects
 * @param rate             packets per second per (peer, channel), or 0 for full speed with back-pressure
 * @param lossTimeout      how long the run waits without any send or reply before it counts what is missing as lost
 * @param exitWhenDone     stop the agent once the run is finished
 * @param exitOnDisconnect stop the agent when a connected peer leaves
 */
record SendPlan(
        int count,
        int size,
        boolean text,
        List<Integer> channels,
        int target,
        double rate,
        Duration lossTimeout,
        boolean exitWhenDone,
        boolean exitOnDisconnect) {

    /** Copies the channel list. */
    SendPlan {
        channels = List.copyOf(channels);
    }

    /** True when {@code --send} was given. */
    boolean sends() {
        return count > 0;
    }
}
