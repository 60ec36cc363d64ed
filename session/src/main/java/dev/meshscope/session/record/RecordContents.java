// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A record read into memory: its header and items in file order, and where it was damaged if it was. Immutable.
 *
 * @param header the first line
 * @param items  every item read (before the damage, if any)
 * @param damage where reading stopped early, or {@code null} when the file was read to its clean end
 */
public record RecordContents(
        RecordHeader header,
        List<RecordItem> items,
        @Nullable RecordDamage damage) {
    /** Copies the list. */
    public RecordContents {
        items = List.copyOf(items);
    }

    /** The time of the first item (or the header's start), microseconds. */
    public long startsAt() {
        return header.startedAt();
    }

    /** The time of the last item (or the header's start), microseconds. */
    public long endsAt() {
        long end = header.startedAt();
        for (RecordItem i : items) {
            end = Math.max(end, i.at());
        }
        return end;
    }
}
