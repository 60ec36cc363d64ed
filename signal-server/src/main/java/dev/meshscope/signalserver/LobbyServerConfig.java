// SPDX-License-Identifier: MIT
package dev.meshscope.signalserver;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The limits, timeouts and log sink of one {@link LobbyServer}. Immutable; any thread. {@link #defaults()} gives the
 * demo Node server's values; tests inject small limits and short timeouts with the {@code with...} methods.
 *
 * @param maxPeers         connections served at once; one more is closed with 4000 "Too many peers connected"
 * @param maxLobbies       lobbies open at once; JOIN "" past it is refused with "Too many lobbies open, disconnecting"
 * @param noLobbyTimeout   a connection that has not joined a lobby this long after it opened is closed with 4000
 *                         "Have not joined lobby yet"
 * @param sealCloseTimeout how long after SEAL every peer of the lobby is closed with 1000 "Seal complete"
 * @param pingInterval     how often every connection is pinged
 * @param maxMessageBytes  the largest text message taken (UTF-8 bytes); a larger one closes its sender with 4000
 *                         {@link CloseReasons#messageTooLarge(int)}
 * @param log              where the JSON lines go (one line per call, without its line break); called on the lobby
 *                         thread only
 * @param clock            the time written in log lines and snapshots
 */
public record LobbyServerConfig(
        int maxPeers,
        int maxLobbies,
        Duration noLobbyTimeout,
        Duration sealCloseTimeout,
        Duration pingInterval,
        int maxMessageBytes,
        Consumer<String> log,
        Clock clock) {

    /** The Node server's {@code MAX_PEERS}. */
    public static final int DEFAULT_MAX_PEERS = 4096;
    /** The Node server's {@code MAX_LOBBIES}. */
    public static final int DEFAULT_MAX_LOBBIES = 1024;
    /** The Node server's {@code NO_LOBBY_TIMEOUT}. */
    public static final Duration DEFAULT_NO_LOBBY_TIMEOUT = Duration.ofMillis(1000);
    /** The Node server's {@code SEAL_CLOSE_TIMEOUT}: time for the last offers and answers to pass after a seal. */
    public static final Duration DEFAULT_SEAL_CLOSE_TIMEOUT = Duration.ofMillis(10_000);
    /** The Node server's {@code PING_INTERVAL}: keeps idle connections open through NATs and proxies. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofMillis(10_000);
    /**
     * 65535 bytes: Godot 4's {@code WebSocketPeer} default {@code outbound_buffer_size} and {@code inbound_buffer_size},
     * so a Godot client can neither send nor receive a larger message, and relaying one could only break its
     * addressee. A data-channel offer is 1 to 4 KiB and a candidate about 200 bytes. (The Node server's {@code ws}
     * library takes up to 100 MiB.)
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 65_535;

    /** Checks every value. */
    public LobbyServerConfig {
        if (maxPeers < 1) {
            throw new IllegalArgumentException("maxPeers must be at least 1, was " + maxPeers);
        }
        if (maxLobbies < 1) {
            throw new IllegalArgumentException("maxLobbies must be at least 1, was " + maxLobbies);
        }
        requirePositive("noLobbyTimeout", noLobbyTimeout);
        requirePositive("sealCloseTimeout", sealCloseTimeout);
        requirePositive("pingInterval", pingInterval);
        if (maxMessageBytes < 64) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 64, was " + maxMessageBytes);
        }
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(clock, "clock");
    }

    /** The Node server's limits and timeouts, {@link #DEFAULT_MAX_MESSAGE_BYTES}, no log, the system clock. */
    public static LobbyServerConfig defaults() {
        return new LobbyServerConfig(
                DEFAULT_MAX_PEERS,
                DEFAULT_MAX_LOBBIES,
                DEFAULT_NO_LOBBY_TIMEOUT,
                DEFAULT_SEAL_CLOSE_TIMEOUT,
                DEFAULT_PING_INTERVAL,
                DEFAULT_MAX_MESSAGE_BYTES,
                line -> {},
                Clock.systemUTC());
    }

    /** This configuration with other peer and lobby limits. */
    public LobbyServerConfig withLimits(int peers, int lobbies) {
        return new LobbyServerConfig(
                peers, lobbies, noLobbyTimeout, sealCloseTimeout, pingInterval, maxMessageBytes, log, clock);
    }

    /** This configuration with other no-lobby and seal-close timeouts. */
    public LobbyServerConfig withTimeouts(Duration noLobby, Duration sealClose) {
        return new LobbyServerConfig(
                maxPeers, maxLobbies, noLobby, sealClose, pingInterval, maxMessageBytes, log, clock);
    }

    /** This configuration with another ping interval. */
    public LobbyServerConfig withPingInterval(Duration interval) {
        return new LobbyServerConfig(
                maxPeers, maxLobbies, noLobbyTimeout, sealCloseTimeout, interval, maxMessageBytes, log, clock);
    }

    /** This configuration with another message size bound. */
    public LobbyServerConfig withMaxMessageBytes(int bytes) {
        return new LobbyServerConfig(
                maxPeers, maxLobbies, noLobbyTimeout, sealCloseTimeout, pingInterval, bytes, log, clock);
    }

    /** This configuration writing its JSON lines to {@code sink}. */
    public LobbyServerConfig withLog(Consumer<String> sink) {
        return new LobbyServerConfig(
                maxPeers, maxLobbies, noLobbyTimeout, sealCloseTimeout, pingInterval, maxMessageBytes, sink, clock);
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
