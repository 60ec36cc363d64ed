// SPDX-License-Identifier: MIT
package dev.meshscope.signaling.folder;

import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.TransferMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one peer uses a signaling folder. Immutable; any thread.
 *
 * @param dir          the shared folder (must exist: see {@link FolderCheck})
 * @param ownId        this peer's id: 1 for the server, not 1 for a client, any positive id in a mesh
 * @param mode         SERVER, CLIENT or MESH
 * @param channels     the extra channel configuration; peers with another one are not connected to
 * @param heartbeat    how often the presence file is rewritten
 * @param staleAfter   how long without a new heartbeat before a peer is reported gone
 * @param pollInterval how often the folder is scanned even without watch events (network filesystems send none)
 */
public record FolderOptions(
        Path dir,
        int ownId,
        NetworkMode mode,
        List<TransferMode> channels,
        Duration heartbeat,
        Duration staleAfter,
        Duration pollInterval) {

    /** One heartbeat a second: cheap on any filesystem, and a peer's departure is seen within a few seconds. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);
    /** Five missed heartbeats: survives a busy machine or a slow network share without false departures. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(5);
    /** NFS and SMB deliver no watch events; scanning four times a second keeps connection set-up under a second. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

    /** Checks the id against the mode and the timings against each other. */
    public FolderOptions {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(pollInterval, "pollInterval");
        channels = List.copyOf(channels);
        if (ownId < 1) {
            throw new IllegalArgumentException("the peer id must be 1..2147483647, not " + ownId);
        }
        if (mode == NetworkMode.NONE) {
            throw new IllegalArgumentException("the mode must be server, client or mesh");
        }
        if (mode == NetworkMode.SERVER && ownId != 1) {
            throw new IllegalArgumentException("the server is always peer 1 (Godot), not " + ownId);
        }
        if (mode == NetworkMode.CLIENT && ownId == 1) {
            throw new IllegalArgumentException("a client cannot be peer 1: that is the server's id (Godot)");
        }
        if (heartbeat.isNegative() || heartbeat.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("heartbeat and poll interval must be positive");
        }
        if (staleAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("staleAfter (" + staleAfter.toMillis() + " ms) must be at least two "
                    + "heartbeats (" + heartbeat.multipliedBy(2).toMillis() + " ms), or live peers look gone");
        }
    }

    /** Options with the default timings. */
    public static FolderOptions of(Path dir, int ownId, NetworkMode mode, List<TransferMode> channels) {
        return new FolderOptions(
                dir, ownId, mode, channels, DEFAULT_HEARTBEAT, DEFAULT_STALE_AFTER, DEFAULT_POLL_INTERVAL);
    }

    /** The same with other timings. */
    public FolderOptions withTimings(Duration heartbeat, Duration staleAfter, Duration pollInterval) {
        return new FolderOptions(dir, ownId, mode, channels, heartbeat, staleAfter, pollInterval);
    }
}
