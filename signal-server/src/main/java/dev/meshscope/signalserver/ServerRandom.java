// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import java.security.SecureRandom;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * Peer ids and lobby names. A lobby name is the only secret that keeps strangers out of a lobby, so both come from
 * {@link SecureRandom} (the Node server uses {@code crypto} for ids but {@code Math.random} for names). Used on the
 * lobby thread only.
 */
final class ServerRandom {
    /** The Node server's alphabet: a name is 16 of these (62^16, about 95 bits). */
    static final String NAME_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** The Node server's name length. */
    static final int NAME_LENGTH = 16;
    /**
     * The smallest id given to a connection: 0 means "everyone" to Godot's {@code put_packet} and 1 is the host, so
     * neither may name a joiner (the Node server's {@code Math.abs(Int32)} can give both, and 2^31, which Godot's
     * 32-bit ids cannot hold).
     */
    static final int MIN_PEER_ID = 2;

    private final SecureRandom random = new SecureRandom();

    /** A random id in 2..2^31-1 for which {@code taken} is false. */
    int peerId(IntPredicate taken) {
        while (true) {
            int id = MIN_PEER_ID + random.nextInt(Integer.MAX_VALUE - MIN_PEER_ID + 1);
            if (!taken.test(id)) {
                return id;
            }
        }
    }

    /** A random 16-character name for which {@code taken} is false. */
    String lobbyName(Predicate<String> taken) {
        while (true) {
            StringBuilder b = new StringBuilder(NAME_LENGTH);
            for (int i = 0; i < NAME_LENGTH; i++) {
                b.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
            }
            String name = b.toString();
            if (!taken.test(name)) {
                return name;
            }
        }
    }
}
