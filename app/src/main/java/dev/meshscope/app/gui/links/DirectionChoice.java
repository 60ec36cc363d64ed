// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.links;

import dev.meshscope.core.impair.ImpairDirection;
import java.util.List;

/** Which directions of a link the impairment form sets. */
public enum DirectionChoice {
    /** Packets to the remote and from it (each direction gets the whole setting: a round trip doubles the delay). */
    BOTH("both ways", List.of(ImpairDirection.OUTBOUND, ImpairDirection.INBOUND)),
    /** Packets this peer sends to the remote. */
    OUTBOUND("outbound (to the peer)", List.of(ImpairDirection.OUTBOUND)),
    /** Packets that arrive from the remote. */
    INBOUND("inbound (from the peer)", List.of(ImpairDirection.INBOUND));

    private final String text;
    private final List<ImpairDirection> directions;

    DirectionChoice(String text, List<ImpairDirection> directions) {
        this.text = text;
        this.directions = directions;
    }

    /** The mesh-core directions this choice sets. */
    public List<ImpairDirection> directions() {
        return directions;
    }

    @Override
    public String toString() {
        return text;
    }
}
