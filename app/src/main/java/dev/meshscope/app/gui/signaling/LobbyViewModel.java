// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.signaling;

import dev.meshscope.app.gui.create.CreateViewModel;
import dev.meshscope.core.NetworkMode;
import dev.meshscope.session.CreateRequest;
import dev.meshscope.session.LobbyPhase;
import dev.meshscope.session.RosterEntry;
import dev.meshscope.session.SessionCommands;
import dev.meshscope.session.SessionState;
import dev.meshscope.session.SignalPath;
import dev.meshscope.session.SignalingState;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Signaling server" panel: a WebSocket lobby server speaking the Godot demo protocol (the demo's Node or
 * GDScript server, or {@code meshscope signal-server}). The URL, the lobby name (empty creates one), mesh or
 * client/server, Join, Seal and Leave, the lobby name once the server gave it, the status line (with the server's
 * close code and reason as they came, and what to do) and the roster. Join takes the extra channels and ICE servers
 * of the Create form; the lobby assigns the id. FX thread; plain Java.
 */
public final class LobbyViewModel {
    /** Where the demo's servers and {@code meshscope signal-server} listen unless told otherwise. */
    public static final String DEFAULT_URL = "ws://localhost:9080";
    /**
     * Longest lobby name taken: the demo servers make 16-character names; anything much longer is a paste of
     * something else (an SDP, a URL), refused here with a message instead of being sent to the server.
     */
    static final int MAX_LOBBY_NAME = 64;

    /** What kind of lobby to join or create. */
    public enum Kind {
        /** A mesh lobby (JOIN id 0): every peer connects to every other. */
        MESH("mesh"),
        /** A client/server lobby: its creator is the server (peer 1), the others its clients. */
        CLIENT_SERVER("client/server");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final SessionCommands commands;
    private final CreateViewModel create;
    private final StringProperty url = new SimpleStringProperty(this, "url", DEFAULT_URL);
    private final StringProperty lobbyName = new SimpleStringProperty(this, "lobbyName", "");
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(this, "kind", Kind.MESH);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", NOT_IN_A_LOBBY);
    private final ReadOnlyStringWrapper assignedName = new ReadOnlyStringWrapper(this, "assignedName", "");
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active", false);
    private final ReadOnlyBooleanWrapper canSeal = new ReadOnlyBooleanWrapper(this, "canSeal", false);
    private final ReadOnlyBooleanWrapper canLeave = new ReadOnlyBooleanWrapper(this, "canLeave", false);
    private final ReadOnlyBooleanWrapper ended = new ReadOnlyBooleanWrapper(this, "ended", false);
    private final ObservableList<RosterEntry> roster = FXCollections.observableArrayList();
    private SessionState state = SessionState.initial();

    /** The status line while no WebSocket lobby is in use. */
    static final String NOT_IN_A_LOBBY = "not in a lobby";

    /** A panel that joins through {@code commands} with the extra channels and ICE servers of {@code create}. */
    public LobbyViewModel(SessionCommands commands, CreateViewModel create) {
        this.commands = Objects.requireNonNull(commands);
        this.create = Objects.requireNonNull(create);
        // A refusal stays only while its reason does: re-judged when what it was about changes.
        url.addListener((o, a, b) -> recheck());
        lobbyName.addListener((o, a, b) -> recheck());
        create.createdProperty().addListener((o, a, b) -> recheck());
        create.iceProblemProperty().addListener((o, a, b) -> recheck());
        create.relayProblemProperty().addListener((o, a, b) -> recheck());
    }

    /**
     * Joins (or creates, with an empty name) a lobby; false, with the reason in {@link #problemProperty()} and
     * nothing sent, when the URL, the name or the window's state does not allow it.
     */
    public boolean join() {
        String why = refusal();
        if (why.isEmpty()) {
            CreateRequest r = create.lobbyRequest(joinMode());
            if (r == null) {
                why = "Fix the ICE servers in Create first (every lobby connection uses them): "
                        + create.iceProblemProperty().get()
                        + create.relayProblemProperty().get();
            } else {
                problem.set("");
                commands.joinLobby(
                        URI.create(url.get().strip()), lobbyName.get().strip(), r);
                return true;
            }
        }
        problem.set(why);
        return false;
    }

    /** The mode the lobby creates the peer in: MESH, or SERVER for a new client/server lobby, CLIENT to join one. */
    NetworkMode joinMode() {
        if (kind.get() == Kind.MESH) {
            return NetworkMode.MESH;
        }
        return lobbyName.get().strip().isEmpty() ? NetworkMode.SERVER : NetworkMode.CLIENT;
    }

    /** Seals the lobby (the host only; the session says so otherwise). */
    public void seal() {
        commands.sealLobby();
    }

    /** Leaves the lobby, or forgets one whose signaling ended. */
    public void leave() {
        problem.set("");
        commands.leaveLobby();
    }

    /** Why Join cannot go ahead now, or "". */
    private String refusal() {
        String u = url.get() == null ? "" : url.get().strip();
        String p = urlProblem(u);
        if (!p.isEmpty()) {
            return p;
        }
        String n = lobbyName.get() == null ? "" : lobbyName.get().strip();
        if (n.length() > MAX_LOBBY_NAME) {
            return "That lobby name is " + n.length() + " characters long; the demo servers' names are 16 letters and"
                    + " digits. Paste the name the host shows, or leave it empty to create a lobby.";
        }
        for (int i = 0; i < n.length(); i++) {
            if (Character.isWhitespace(n.charAt(i)) || Character.isISOControl(n.charAt(i))) {
                return "A lobby name has no spaces or line breaks: paste the name the host shows (16 letters and "
                        + "digits), or leave it empty to create a lobby.";
            }
        }
        SignalingState sig = state.signaling();
        if (sig.phase().active()) {
            return sig.path() == SignalPath.FOLDER
                    ? "This window is in a shared folder's lobby: press Leave there first (one lobby at a time)."
                    : "Already in a lobby (" + sig.status() + "): press Leave first.";
        }
        if (create.createdProperty().get()) {
            return "The peer is already created: press Close first (the lobby creates it when it assigns the id).";
        }
        return "";
    }

    /** Why {@code u} is not a lobby server URL, or "". Pure. */
    static String urlProblem(String u) {
        if (u.isEmpty()) {
            return "Type the lobby server's URL, e.g. " + DEFAULT_URL + " (ws:// or wss://, host and port).";
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            return "\"" + u + "\" is not a URL: " + e.getReason() + " at character " + (e.getIndex() + 1)
                    + ". Write it as ws://HOST:PORT, e.g. " + DEFAULT_URL + ".";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            return "\"" + u + "\" is not a WebSocket URL: it must start with ws:// (or wss:// for TLS), e.g. "
                    + DEFAULT_URL + (scheme.startsWith("http") ? " (the server's http address with ws instead)." : ".");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "\"" + u + "\" names no host: write ws://HOST:PORT, e.g. " + DEFAULT_URL + ".";
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return "\"" + u + "\" has port " + uri.getPort() + ": a server listens on a port from 1 to 65535.";
        }
        if (uri.getRawFragment() != null) {
            return "\"" + u + "\" has a #fragment, which WebSocket URLs cannot carry: remove it.";
        }
        return "";
    }

    /** Clears or updates a shown refusal once its condition changed; shows nothing new before Join is pressed. */
    private void recheck() {
        if (!problem.get().isEmpty()) {
            String why = refusal();
            if (why.isEmpty()
                    && !(create.iceProblemProperty().get()
                                    + create.relayProblemProperty().get())
                            .isEmpty()) {
                why = "Fix the ICE servers in Create first (every lobby connection uses them): "
                        + create.iceProblemProperty().get()
                        + create.relayProblemProperty().get();
            }
            problem.set(why);
        }
    }

    /** Applies the newest state. */
    public void onState(SessionState s) {
        SignalingState prev = state.signaling();
        state = s;
        SignalingState sig = s.signaling();
        boolean ws = sig.path() == SignalPath.WEBSOCKET && sig.phase() != LobbyPhase.NONE;
        active.set(ws && sig.phase().active());
        ended.set(ws && sig.phase() == LobbyPhase.ENDED);
        canLeave.set(ws);
        canSeal.set(ws && sig.phase() == LobbyPhase.JOINED && sig.ownId() == 1);
        status.set(ws ? sig.status() : NOT_IN_A_LOBBY);
        assignedName.set(ws ? sig.lobbyName() : "");
        if (!(ws ? sig.roster() : java.util.List.<RosterEntry>of()).equals(roster)) {
            roster.setAll(ws ? sig.roster() : java.util.List.of());
        }
        if (!prev.equals(sig)) {
            recheck();
        }
    }

    /** A roster line: "★ 1 host · connected", "3 · this peer", "4 · not linked (a client/server lobby's client)". */
    public static String rosterText(RosterEntry e) {
        String who = (e.host() ? "★ " : "") + e.id() + (e.host() ? " host" : "");
        switch (e.link()) {
            case SELF:
                return who + " · this peer";
            case CONNECTED:
                return who + " · ✓ connected";
            case CONNECTING:
                return who + " · … connecting";
            default:
                return who + " · not linked to this peer";
        }
    }

    /** The server URL. */
    public StringProperty urlProperty() {
        return url;
    }

    /** The lobby to join, or "" to create one. */
    public StringProperty lobbyNameProperty() {
        return lobbyName;
    }

    /** Mesh or client/server. */
    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    /** Why Join was refused, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The lobby status line (the server's close code and reason as they came, with what to do). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The lobby's name as the server gave it (to hand to the peers that should join), or "". */
    public ReadOnlyStringProperty assignedNameProperty() {
        return assignedName.getReadOnlyProperty();
    }

    /** True while joining, joined or sealed. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** True when the lobby's signaling ended (closed by the server, refused, lost). */
    public ReadOnlyBooleanProperty endedProperty() {
        return ended.getReadOnlyProperty();
    }

    /** True when this peer is the host of a joined, unsealed lobby. */
    public ReadOnlyBooleanProperty canSealProperty() {
        return canSeal.getReadOnlyProperty();
    }

    /** True while there is a lobby to leave or forget. */
    public ReadOnlyBooleanProperty canLeaveProperty() {
        return canLeave.getReadOnlyProperty();
    }

    /** The lobby members this peer knows, itself included. */
    public ObservableList<RosterEntry> roster() {
        return roster;
    }
}
