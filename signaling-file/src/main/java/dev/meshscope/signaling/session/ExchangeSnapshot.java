// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.session;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ManualExchange} knows at one moment, for judging a paste anywhere (a window checks the paste box
 * on its UI thread with {@link PasteJudge}, exactly as the exchange will). Immutable; any thread.
 *
 * @param pending        the exchanges under way
 * @param answering      for each exchange where this side answers: the remote offer it applied
 * @param endedOffers    offers this side made that ended, and why (cancelled, answered, withdrawn...), newest last
 * @param answeredOffers remote offers answered whose peer then connected
 */
public record ExchangeSnapshot(
        List<ManualExchange.Pending> pending,
        Map<Integer, String> answering,
        Map<Integer, String> endedOffers,
        Map<Integer, String> answeredOffers) {
    /** Nothing under way, nothing ended. */
    public static final ExchangeSnapshot EMPTY = new ExchangeSnapshot(List.of(), Map.of(), Map.of(), Map.of());

    /** Copies everything. */
    public ExchangeSnapshot {
        pending = List.copyOf(pending);
        answering = Map.copyOf(answering);
        endedOffers = Map.copyOf(endedOffers);
        answeredOffers = Map.copyOf(answeredOffers);
    }

    /** Peers this side offered to whose offer still counts (not failed). */
    public Set<Integer> liveOffers() {
        Set<Integer> ids = new HashSet<>();
        for (ManualExchange.Pending p : pending) {
            if (p.weOffered() && p.state() != ManualExchange.State.FAILED) {
                ids.add(p.peerId());
            }
        }
        return ids;
    }

    /** The exchange with {@code peerId}, or {@code null}. */
    ManualExchange.@Nullable Pending find(int peerId) {
        for (ManualExchange.Pending p : pending) {
            if (p.peerId() == peerId) {
                return p;
            }
        }
        return null;
    }
}
