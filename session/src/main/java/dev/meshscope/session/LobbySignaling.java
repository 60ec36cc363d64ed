// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.MeshThread;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.PeerInfo;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.signaling.folder.FolderOptions;
import dev.meshscope.signaling.folder.FolderTransport;
import dev.meshscope.signaling.session.LobbyNotice;
import dev.meshscope.signaling.session.LobbySession;
import dev.meshscope.signaling.session.PeerWiring;
import dev.meshscope.signaling.session.SignalTransport;
import dev.meshscope.signaling.timeline.SignalTrace;
import dev.meshscope.signaling.websocket.WebSocketOptions;
import dev.meshscope.signaling.websocket.WebSocketTransport;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Lobby signaling, whatever carries it: signaling-file's {@link LobbySession} (the Godot demo client) over a
 * {@link SignalTransport} (a shared folder or a WebSocket lobby server), driving this session's multiplayer peer,
 * its connections made by the session's {@link PeerWiring} (with the ICE servers of every other connection). The
 * lobby creates the peer when it assigns the id, then adds every lobby peer and connects it (the larger id offers).
 * One lobby at a time; it remembers what the window shows (path, phase, lobby name, own id, members, seal) until
 * the operator leaves or closes the peer, so a lobby that ended still says why.
 *
 * <p>Threads: mesh thread only (the lobby session calls back on it); owned by {@link MeshSession}.
 */
final class LobbySignaling {
    /** Makes the transport of one join; throws {@link IllegalArgumentException} or another runtime exception. */
    private interface TransportMaker {
        SignalTransport make();
    }

    private final MeshThread thread;
    private final PeerWiring wiring;
    private final Supplier<WebRtcMultiplayerPeer> peer;
    private final Consumer<OperatorAction> out;
    private final SignalTimeline timeline;
    private LobbySession lobby;
    private SignalPath path = SignalPath.NONE;
    private LobbyPhase phase = LobbyPhase.NONE;
    private String status = "";
    private String where = "";
    private String lobbyName = "";
    private int ownId;
    private boolean mesh;
    private boolean sealedSeen;
    private SortedSet<Integer> members = new TreeSet<>();

    /**
     * @param out      where operator actions go (mesh thread)
     * @param timeline the session's signaling timeline, which every lobby message is added to
     */
    LobbySignaling(
            MeshThread thread,
            PeerWiring wiring,
            Supplier<WebRtcMultiplayerPeer> peer,
            Consumer<OperatorAction> out,
            SignalTimeline timeline) {
        this.thread = thread;
        this.wiring = wiring;
        this.peer = peer;
        this.out = out;
        this.timeline = timeline;
    }

    /** Joins the signaling folder {@code dir} as {@code as} says (mode, id, extra channels). */
    void joinFolder(Path dir, CreateRequest as) {
        int id = as.mode() == NetworkMode.SERVER ? 1 : as.peerId();
        join(
                SignalPath.FOLDER,
                dir.toString(),
                as,
                "as " + as.mode().name().toLowerCase(Locale.ROOT) + " peer " + id,
                () -> new FolderTransport(FolderOptions.of(dir, id, as.mode(), as.extraChannels())));
    }

    /**
     * Joins lobby {@code name} ("" creates one) at the WebSocket lobby server {@code url}: a mesh lobby when
     * {@code as} asks for MESH, else a client/server lobby; the lobby assigns the id.
     */
    void joinWebSocket(URI url, String name, CreateRequest as) {
        boolean asMesh = as.mode() == NetworkMode.MESH;
        String lobbyText = name.isEmpty() ? "a new " : "\"" + name + "\", a ";
        join(
                SignalPath.WEBSOCKET,
                url.toString(),
                as,
                "(" + lobbyText + (asMesh ? "mesh" : "client/server") + " lobby)",
                () -> new WebSocketTransport(WebSocketOptions.of(url, name, asMesh)));
    }

    /** The one join: checks, makes the transport, starts the lobby session. */
    private void join(SignalPath kind, String at, CreateRequest as, String how, TransportMaker make) {
        String op = "join " + label(kind);
        if (phase.active()) {
            out.accept(
                    OperatorAction.failed(0, op, "already in a " + label(path) + " (" + status + "): leave it first."));
            return;
        }
        WebRtcMultiplayerPeer p = peer.get();
        if (p.getConnectionStatus() != ConnectionStatus.DISCONNECTED) {
            out.accept(OperatorAction.failed(
                    0,
                    op,
                    "the peer is already created: press Close first (joining a " + label(kind) + " creates the peer "
                            + (kind == SignalPath.FOLDER
                                    ? "with the mode and id chosen above)."
                                    : "with the id the lobby assigns).")));
            return;
        }
        SignalTransport transport;
        try {
            transport = make.make();
        } catch (RuntimeException e) {
            out.accept(OperatorAction.failed(0, op, "cannot use " + at + ": " + e.getMessage()));
            return;
        }
        LobbySession l = new LobbySession(thread, wiring, p, as.extraChannels(), transport);
        l.addListener(new Listener(l));
        forget();
        lobby = l;
        path = kind;
        where = at;
        status = "joining " + at + " " + how + "...";
        to(LobbyPhase.JOINING);
        try {
            l.start();
        } catch (RuntimeException e) {
            forget();
            out.accept(OperatorAction.failed(
                    0, op, "could not start " + label(kind) + " signaling with " + at + ": " + e.getMessage()));
            return;
        }
        out.accept(OperatorAction.ok(0, op, status));
    }

    /** What the lobby session reports, for the session this signaling started ({@code l}). */
    private final class Listener implements LobbySession.Listener {
        private final LobbySession l;

        Listener(LobbySession l) {
            this.l = l;
        }

        private boolean current() {
            return lobby == l;
        }

        @Override
        public void joined(int id, boolean asMesh) {
            if (!current()) {
                return;
            }
            ownId = id;
            mesh = asMesh;
            members.add(id);
            status = "joined " + where + " as " + (asMesh ? "mesh" : id == 1 ? "server" : "client") + " peer " + id;
            to(LobbyPhase.JOINED);
            out.accept(OperatorAction.ok(0, label(path), status + "; lobby peers connect automatically."));
        }

        @Override
        public void traced(SignalTrace t) {
            timeline.add(t); // Every session's traces, also those of a lobby being left: the timeline is history.
        }

        @Override
        public void lobbyNamed(String name) {
            if (current()) {
                lobbyName = name;
                if (path == SignalPath.WEBSOCKET) {
                    status = status + " · lobby " + name;
                }
            }
        }

        @Override
        public void rosterChanged(int id, SortedSet<Integer> lobbyPeers) {
            if (current()) {
                members = new TreeSet<>(lobbyPeers);
                members.add(id);
            }
        }

        @Override
        public void notice(LobbyNotice n) {
            boolean bad = n.level() != LobbyNotice.Level.INFO;
            out.accept(new OperatorAction(System.currentTimeMillis(), n.peerId(), label(path), n.text(), bad));
        }

        @Override
        public void sealed() {
            if (!current()) {
                return;
            }
            sealedSeen = true;
            status = status + " · sealed";
            to(LobbyPhase.SEALED);
        }

        @Override
        public void stopped(String reason) {
            // The lobby session's own notice has already told the operator why (an error before the seal).
            if (!current()) {
                return;
            }
            lobby = null;
            status = label(path) + " signaling ended: " + reason
                    + (sealedSeen ? " (after the seal: the mesh goes on)" : "");
            to(LobbyPhase.ENDED);
        }
    }

    /** Asks the lobby to seal (the host, peer 1, only). */
    void seal() {
        String op = "seal " + label(path);
        LobbySession l = lobby;
        if (l == null) {
            out.accept(OperatorAction.failed(0, op, "not in a lobby: join a folder or a lobby server first."));
        } else if (sealedSeen) {
            out.accept(OperatorAction.failed(0, op, "the lobby is already sealed."));
        } else if (ownId != 1) {
            out.accept(OperatorAction.failed(
                    0,
                    op,
                    ownId == 0
                            ? "the lobby has not assigned this peer's id yet: wait for it, then seal (host only)."
                            : "only the host (peer 1, who created the lobby) can seal it; this peer is " + ownId
                                    + "."));
        } else {
            l.seal();
            out.accept(OperatorAction.ok(
                    0, op, "asked the lobby to seal: nobody new can join once every member is told."));
        }
    }

    /**
     * Stops lobby signaling and forgets the lobby; before the seal the other peers then drop this one (demo lobby
     * rule). Returns false when there was no lobby to leave (nothing is said then).
     */
    boolean leave(String why) {
        LobbySession l = lobby;
        SignalPath was = path;
        boolean inLobby = phase != LobbyPhase.NONE;
        forget();
        if (l == null) {
            return inLobby;
        }
        l.close();
        out.accept(OperatorAction.ok(
                0,
                "leave " + label(was),
                "left the " + label(was) + " (" + why + "). Unless the lobby was sealed, the other peers now drop "
                        + "this one, as the Godot demo lobby does."));
        return true;
    }

    /** Whether this peer's lobby was sealed by its host (the mesh then outlives signaling). */
    boolean sealed() {
        return sealedSeen;
    }

    /** The one state transition: changes the phase when {@link LobbyPhase#next} allows it. */
    private void to(LobbyPhase next) {
        if (phase != next && phase.next(next)) {
            phase = next;
        }
    }

    private void forget() {
        lobby = null;
        to(LobbyPhase.NONE);
        path = SignalPath.NONE;
        status = "";
        where = "";
        lobbyName = "";
        ownId = 0;
        mesh = false;
        sealedSeen = false;
        members = new TreeSet<>();
    }

    /** The folder status line for the folder view: "" unless a folder lobby is in use. */
    String folderStatus() {
        return path == SignalPath.FOLDER && phase.active() ? status : "";
    }

    /** What the window shows about lobby signaling, with the members' links read from {@code p}. */
    SignalingState state(WebRtcMultiplayerPeer p) {
        SignalPath shown = path != SignalPath.NONE
                ? path
                : p.getConnectionStatus() == ConnectionStatus.DISCONNECTED ? SignalPath.NONE : SignalPath.MANUAL;
        List<RosterEntry> roster = new ArrayList<>();
        for (int id : members) {
            RosterEntry.Link link;
            if (id == ownId) {
                link = RosterEntry.Link.SELF;
            } else {
                PeerInfo info = p.getPeer(id);
                link = info == null
                        ? RosterEntry.Link.NONE
                        : info.connected() ? RosterEntry.Link.CONNECTED : RosterEntry.Link.CONNECTING;
            }
            roster.add(new RosterEntry(id, id == 1, link));
        }
        return new SignalingState(
                shown,
                phase,
                status,
                where,
                lobbyName,
                ownId,
                mesh,
                roster,
                sealedSeen,
                timeline.entries(),
                timeline.total());
    }

    private static String label(SignalPath p) {
        return p == SignalPath.WEBSOCKET ? "lobby" : "folder";
    }
}
