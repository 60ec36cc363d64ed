// SPDX-License-Identifier: MIT
package dev.meshscope.agent;

import dev.meshscope.core.MeshThread;
import dev.meshscope.core.WebRtcMultiplayerPeer;
import dev.meshscope.signaling.folder.FolderOptions;
import dev.meshscope.signaling.folder.FolderTransport;
import dev.meshscope.signaling.message.ModeNames;
import dev.meshscope.signaling.session.LobbyNotice;
import dev.meshscope.signaling.session.LobbySession;
import dev.meshscope.signaling.session.PeerWiring;
import dev.meshscope.signaling.session.SignalTransport;
import dev.meshscope.signaling.timeline.SignalTrace;
import dev.meshscope.signaling.websocket.WebSocketOptions;
import dev.meshscope.signaling.websocket.WebSocketTransport;
import java.io.PrintStream;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The agent in a lobby, a shared folder ({@code --signal-dir}) or a WebSocket lobby server ({@code --signal-url}):
 * signaling-file's {@link LobbySession} over the matching transport, with what it reports turned into status lines
 * on stderr and JSON-lines events ({@code LobbyJoined}, {@code LobbyNamed}, {@code LobbyRoster}, {@code LobbySealed},
 * {@code LobbyNotice}, {@code SignalTrace} for every message sent and received, {@code LobbyStopped}). A lobby this
 * agent created is announced on stdout too, as one JSON line, for scripts to hand its name to other agents.
 *
 * <p>Threads: {@link #start} on the main thread; the listener methods on the agent's mesh thread (the lobby session
 * calls back there); {@link #input} on the stdin thread (it only queues a seal).
 */
final class AgentLobby implements LobbySession.Listener {
    private final AgentSetup setup;
    private final Status status;
    private final EventWriter events;
    private final PrintStream stdout;
    private final CompletableFuture<Integer> done;
    private final BooleanSupplier closing;
    private final String where;
    private LobbySession session;
    private int ownId;
    private boolean sealed;

    private AgentLobby(
            AgentSetup setup,
            Status status,
            EventWriter events,
            PrintStream stdout,
            CompletableFuture<Integer> done,
            BooleanSupplier closing) {
        this.setup = setup;
        this.status = status;
        this.events = events;
        this.stdout = stdout;
        this.done = done;
        this.closing = closing;
        this.where = setup.webSocket()
                ? setup.signalUrl().toString()
                : setup.signalDir().toAbsolutePath().toString();
    }

    /**
     * Starts lobby signaling for {@code peer}; the lobby creates it when it assigns the id.
     *
     * @param done    completed with {@link AgentCommand#EXIT_SIGNALING} when signaling stops before the seal
     * @param closing true once the agent is stopping (signaling stopping then is expected)
     */
    static AgentLobby start(
            AgentSetup setup,
            MeshThread thread,
            PeerWiring wiring,
            WebRtcMultiplayerPeer peer,
            Status status,
            EventWriter events,
            PrintStream stdout,
            CompletableFuture<Integer> done,
            BooleanSupplier closing) {
        AgentLobby a = new AgentLobby(setup, status, events, stdout, done, closing);
        SignalTransport transport;
        if (setup.webSocket()) {
            transport = new WebSocketTransport(WebSocketOptions.of(
                    setup.signalUrl(), setup.lobby(), setup.mode() == dev.meshscope.core.NetworkMode.MESH));
        } else {
            transport =
                    new FolderTransport(FolderOptions.of(setup.signalDir(), setup.id(), setup.mode(), setup.channels())
                            .withTimings(setup.heartbeat(), setup.staleAfter(), FolderOptions.DEFAULT_POLL_INTERVAL));
        }
        LobbySession s = new LobbySession(thread, wiring, peer, setup.channels(), transport);
        s.addListener(a);
        a.session = s;
        if (setup.webSocket()) {
            status.say("joining " + (setup.lobby().isEmpty() ? "a new lobby" : "lobby \"" + setup.lobby() + "\"")
                    + " at " + a.where + " as a "
                    + (setup.mode() == dev.meshscope.core.NetworkMode.MESH ? "mesh peer" : "client/server peer")
                    + "...");
        }
        s.start();
        return a;
    }

    /** One stdin line: {@code seal} (host only) or {@code quit}; anything else gets the list. Stdin thread. */
    void input(String line) {
        switch (line.strip()) {
            case "seal" -> session.seal();
            case "quit" -> done.complete(0);
            case "" -> {}
            default -> status.say("commands: seal (host only), quit");
        }
    }

    /** Stops signaling (the mesh is left to its owner). Any thread. */
    void close() {
        session.close();
    }

    @Override
    public void joined(int id, boolean mesh) {
        ownId = id;
        status.setId(id);
        String as = mesh ? "mesh" : id == 1 ? "server" : "client";
        status.say("joined the " + (setup.webSocket() ? "lobby at " : "folder lobby ") + where + " as " + as + " peer "
                + id + ".");
        events.agentEvent("LobbyJoined", "id", id, "mode", as, "signaling", where);
    }

    @Override
    public void lobbyNamed(String name) {
        boolean created = setup.webSocket() && setup.lobby().isEmpty();
        events.agentEvent("LobbyNamed", "lobby", name, "created", created, "signaling", where, "id", ownId);
        if (created) {
            String line = EventWriter.json(
                    "LobbyCreated",
                    "lobby",
                    name,
                    "signaling",
                    where,
                    "id",
                    ownId,
                    "mode",
                    ModeNames.name(setup.mode()));
            stdout.println(line); // For scripts: the name to hand to the other peers (stdout stays JSON lines).
            stdout.flush();
            events.agentJson(line);
            status.say("created lobby " + name + "; others join with: ./meshscope agent --signal-url " + where
                    + " --lobby " + name + (setup.mode() == dev.meshscope.core.NetworkMode.MESH ? "" : " --mode client")
                    + " ; type seal here to seal it.");
        }
    }

    @Override
    public void rosterChanged(int id, SortedSet<Integer> lobbyPeers) {
        events.agentEvent("LobbyRoster", "id", id, "peers", lobbyPeers);
    }

    @Override
    public void notice(LobbyNotice n) {
        status.say(n.describe());
        events.agentEvent("LobbyNotice", "level", n.level().name(), "peerId", n.peerId(), "text", n.text());
    }

    @Override
    public void sealed() {
        sealed = true;
        events.agentEvent("LobbySealed", "id", ownId);
    }

    @Override
    public void traced(SignalTrace t) {
        events.agentEvent(
                "SignalTrace",
                "atMillis",
                t.at().toEpochMilli(),
                "direction",
                t.direction().name(),
                "path",
                t.path(),
                "type",
                t.type(),
                "typeName",
                t.typeName(),
                "from",
                t.from(),
                "to",
                t.to(),
                "size",
                t.size(),
                "data",
                t.data(),
                "verdict",
                t.verdict().name(),
                "note",
                t.note());
    }

    @Override
    public void stopped(String reason) {
        boolean expected = closing.getAsBoolean();
        int exit = expected || sealed ? 0 : AgentCommand.EXIT_SIGNALING;
        events.agentEvent("LobbyStopped", "reason", reason, "sealed", sealed, "exitCode", exit);
        if (expected) {
            return;
        }
        if (sealed) {
            status.say("signaling ended after the seal (" + reason + "); the mesh goes on. Stop with quit, Ctrl-D "
                    + "or SIGTERM.");
            return;
        }
        status.say("signaling stopped before the lobby was sealed: " + reason);
        done.complete(AgentCommand.EXIT_SIGNALING);
    }
}
