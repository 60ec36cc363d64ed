// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import java.util.List;

/**
 * Told about every change of a {@link LobbyServer}'s lobbies (created, joined, left, sealed, closed). Called on the
 * server's lobby thread, first with the lobbies of the moment it was added, then after each change (a lobby created, joined, left,
 * sealed or closed, or a connection opened or closed); a listener must
 * return quickly and must not block (a window hands the list to its FX bridge). Exceptions it throws are logged and
 * otherwise ignored.
 */
@FunctionalInterface
public interface LobbyListener {
    /**
     * The open lobbies, oldest first.
     *
     * @param lobbies an immutable list, owned by the caller from now on
     */
    void lobbiesChanged(List<LobbySnapshot> lobbies);
}
