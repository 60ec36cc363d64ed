// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.links;

import dev.meshscope.core.impair.ImpairDirection;
import dev.meshscope.session.LinkImpairment;
import java.util.ArrayList;
import java.util.List;

/** How the impairments set on a peer read on its graph edge. Pure; any thread. */
public final class ImpairmentText {
    private ImpairmentText() {}

    /**
     * Every impairment on {@code peerId}'s link, e.g. {@code "out 40 ms, 10% loss · in ch 2: paused"}, or "" when
     * none is set.
     */
    public static String forPeer(List<LinkImpairment> impairments, int peerId) {
        List<String> parts = new ArrayList<>();
        for (LinkImpairment li : impairments) {
            if (li.peerId() != peerId || li.impairment().isNone()) {
                continue;
            }
            parts.add((li.direction() == ImpairDirection.OUTBOUND ? "out" : "in")
                    + (li.channel() == LinkImpairment.ALL_CHANNELS ? "" : " ch " + li.channel() + ":") + " "
                    + li.impairment().describe());
        }
        return String.join(" · ", parts);
    }
}
