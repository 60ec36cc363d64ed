// SPDX-License-Identifier: MIT
package dev.meshscope.session.record;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A record that cannot be read whole: the message says where; {@link #partial()} holds everything read before the
 * damage ({@code null} when not even the header could be read).
 */
public final class RecordDamagedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient @Nullable RecordContents partial;

    RecordDamagedException(String message, @Nullable RecordContents partial) {
        super(message);
        this.partial = partial;
    }

    /** Everything read before the damage, or {@code null} when the header itself was unreadable. */
    public @Nullable RecordContents partial() {
        return partial;
    }
}
