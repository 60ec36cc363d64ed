// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import dev.meshscope.core.ConnectionStatus;
import dev.meshscope.core.MeshThread;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.signaling.folder.FolderOptions;
import dev.meshscope.signaling.folder.FolderTransport;
import dev.meshscope.signaling.session.LobbyNotice;
import dev.meshscope.signaling.session.LobbySession;
import dev.meshscope.signaling.session.PeerWiring;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Shared-folder signaling: signaling-file's {@link LobbySession} (the Godot demo client) over its
 * {@link FolderTransport}, driving this session's multiplayer peer, its connections made by the session's {@link PeerWiring} (with the
 * ICE servers of every other connection). The lobby creates the peer when it assigns
 * the id, then adds every lobby peer and connects it (the larger id offers). Mesh thread only (the lobby calls
 * back on it); owned by {@link MeshSession}.
 */
final class FolderSignaling {
    private final MeshThread thread;
    private final PeerWiring wiring;
    private final Supplier<WebRtcMultiplayerPeer> peer;
    private final Consumer<OperatorAction> out;
    private LobbySession lobby;
    private String status = "";

    FolderSignaling(
            MeshThread thread, PeerWiring wiring, Supplier<WebRtcMultiplayerPeer> peer, Consumer<OperatorAction> out) {
        this.thread = thread;
        this.wiring = wiring;
        this.peer = peer;
        this.out = out;
    }

    /** Joins {@code dir} as {@code as} says (mode, id, extra channels). */
    void join(Path dir, CreateRequest as) {
        String op = "join folder";
        WebRtcMultiplayerPeer p = peer.get();
        if (lobby != null) {
            out.accept(OperatorAction.failed(0, op, "already in a folder (" + status + "): leave it first."));
            return;
        }
        if (p.getConnectionStatus() != ConnectionStatus.DISCONNECTED) {
            out.accept(OperatorAction.failed(
                    0,
                    op,
                    "the peer is already created: press Close first (joining a folder "
                            + "creates the peer with the mode and id chosen above)."));
            return;
        }
        int id = as.mode() == NetworkMode.SERVER ? 1 : as.peerId();
        FolderOptions opts;
        try {
            opts = FolderOptions.of(dir, id, as.mode(), as.extraChannels());
        } catch (IllegalArgumentException e) {
            out.accept(OperatorAction.failed(0, op, e.getMessage()));
            return;
        }
        FolderTransport transport;
        try {
            transport = new FolderTransport(opts);
        } catch (RuntimeException e) {
            out.accept(OperatorAction.failed(0, op, "cannot use " + dir + ": " + e.getMessage()));
            return;
        }
        LobbySession l = new LobbySession(thread, wiring, p, as.extraChannels(), transport);
        l.addListener(new LobbySession.Listener() {
            @Override
            public void joined(int ownId, boolean mesh) {
                status = "joined " + dir + " as " + (mesh ? "mesh" : ownId == 1 ? "server" : "client") + " peer "
                        + ownId;
                out.accept(OperatorAction.ok(0, "folder", status + "; lobby peers connect automatically."));
            }

            @Override
            public void notice(LobbyNotice n) {
                boolean bad = n.level() != LobbyNotice.Level.INFO;
                out.accept(new OperatorAction(System.currentTimeMillis(), n.peerId(), "folder", n.text(), bad));
            }

            @Override
            public void sealed() {
                status = status + " · sealed";
            }

            @Override
            public void stopped(String reason) {
                if (lobby == l) {
                    lobby = null;
                    status = "";
                }
                out.accept(OperatorAction.ok(0, "folder", "folder signaling stopped: " + reason));
            }
        });
        lobby = l;
        status =
                "joining " + dir + " as " + as.mode().name().toLowerCase(java.util.Locale.ROOT) + " peer " + id + "...";
        try {
            l.start();
        } catch (RuntimeException e) {
            lobby = null;
            status = "";
            out.accept(
                    OperatorAction.failed(0, op, "could not start folder signaling in " + dir + ": " + e.getMessage()));
            return;
        }
        out.accept(OperatorAction.ok(0, op, status));
    }

    /** Stops folder signaling; before the seal the other peers then drop this one (demo lobby rule). */
    void leave(String why) {
        LobbySession l = lobby;
        if (l == null) {
            return;
        }
        lobby = null;
        status = "";
        l.close();
        out.accept(OperatorAction.ok(
                0,
                "leave folder",
                "left the signaling folder (" + why + "). Unless the "
                        + "lobby was sealed, the other peers now drop this one, as the Godot demo lobby does."));
    }

    /** Whether this peer is in a folder whose lobby the host sealed. */
    boolean sealed() {
        return lobby != null && lobby.isSealed();
    }

    /** The status line: "" when not in a folder. */
    String status() {
        return status;
    }
}
