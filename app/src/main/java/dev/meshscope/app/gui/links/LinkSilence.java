// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.links;

import dev.meshscope.core.snapshot.ChannelSnapshot;
import dev.meshscope.core.snapshot.PeerSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which links are <b>silent</b>: the peer has answered before, this peer has sent to it since its last arrival, and
 * nothing arrived for longer than the operator's threshold. A link that merely went idle after a burst (its last
 * arrival came after the last send) is not silent, nor is one that never received anything; "last packet received N
 * s ago" still tells their age. Fed with each state by the view that owns it. FX thread; plain Java.
 */
public final class LinkSilence {
    /** Per peer: {newest arrival (wall clock), messages this peer had sent to it when that arrival was first seen}. */
    private final Map<Integer, long[]> byPeer = new HashMap<>();

    /** Notes the peer's newest arrival and how much had been sent by then. */
    public void update(PeerSnapshot p) {
        long last = Liveness.newestReceipt(p);
        long[] seen = byPeer.get(p.id());
        if (seen == null || seen[0] != last) {
            byPeer.put(p.id(), new long[] {last, sent(p)});
        }
    }

    /** Whether the link to {@code p} is silent at {@code nowMillis} (call {@link #update} with {@code p} first). */
    public boolean silent(PeerSnapshot p, long nowMillis, long thresholdMillis) {
        long[] seen = byPeer.get(p.id());
        return seen != null
                && p.openChannels() > 0
                && sent(p) > seen[1]
                && Liveness.silent(seen[0], nowMillis, thresholdMillis);
    }

    /** Forgets every peer not in {@code ids}. */
    public void retain(Set<Integer> ids) {
        byPeer.keySet().retainAll(ids);
    }

    private static long sent(PeerSnapshot p) {
        long n = 0;
        for (ChannelSnapshot c : p.channels()) {
            n += c.messagesSent();
        }
        return n;
    }
}
