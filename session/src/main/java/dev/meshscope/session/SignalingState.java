// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.signaling.timeline.SignalTrace;
import java.util.List;
import java.util.Objects;

/**
 * What the window shows about signaling, taken on the mesh thread with the rest of {@link SessionState}. Immutable.
 *
 * @param path      how connections are signaled now (a lobby's path while it is joined or after it ended)
 * @param phase     where the lobby stands ({@link LobbyPhase#NONE} on the manual path)
 * @param status    one line for the operator ("joined ws://10.0.0.5:9080 as mesh peer 3 · sealed"), "" without a lobby
 * @param where     the folder or the server URL of the lobby, "" without one
 * @param lobbyName the lobby's name as the server gave it (hand it to the peers that should join), the folder's
 *                  path for a folder lobby, "" until known
 * @param ownId     the id the lobby assigned to this peer, 0 until it did
 * @param mesh      true in a mesh lobby, false in a client/server lobby (meaningful once {@code ownId} is set)
 * @param roster    the lobby members this peer knows, itself included, by id; the host is peer 1
 * @param sealed    whether the host sealed the lobby (stays true after signaling ended)
 * @param timeline  the signaling timeline of every path (manual, folder, WebSocket), oldest first: the newest
 *                  {@link #TIMELINE_CAPACITY} messages sent and received, with their verdicts
 * @param traced    how many traces were recorded since the session started ({@code traced - timeline.size()} fell
 *                  off the front): a viewer appends the last {@code traced - tracedBefore} entries
 */
public record SignalingState(
        SignalPath path,
        LobbyPhase phase,
        String status,
        String where,
        String lobbyName,
        int ownId,
        boolean mesh,
        List<RosterEntry> roster,
        boolean sealed,
        List<SignalTrace> timeline,
        long traced) {
    /** How many traces the timeline keeps ({@code SignalTimeline.CAPACITY}, with the reason there). */
    public static final int TIMELINE_CAPACITY = SignalTimeline.CAPACITY;

    /** No signaling at all (the initial state). */
    public static final SignalingState NONE =
            new SignalingState(SignalPath.NONE, LobbyPhase.NONE, "", "", "", 0, false, List.of(), false, List.of(), 0);

    /** Copies the lists (the timeline is usually already an immutable list, kept as is). */
    public SignalingState {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(phase, "phase");
        roster = List.copyOf(roster);
        timeline = List.copyOf(timeline);
    }

    /** The host's entry in the roster (peer 1), if this peer knows it. */
    public java.util.Optional<RosterEntry> host() {
        return roster.stream().filter(RosterEntry::host).findFirst();
    }
}
