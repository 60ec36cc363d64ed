// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui.signaling;

import dev.meshscope.signalserver.LobbyServer;
import dev.meshscope.signalserver.LobbySnapshot;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A MeshScope lobby server ({@code signal-server}'s {@link LobbyServer}) running in this process, started and
 * stopped from the window, with its open lobbies. The server binds every interface ({@link #BIND_HOST}) so peers on
 * other machines can join it too.
 *
 * <p>Threads: the properties are read and written on the FX thread. Binding and closing may take a moment (close waits
 * up to ~2 s for the close handshakes), so they run on a short-lived thread of their own; what they learn, and every
 * lobby change the server reports on its lobby thread, comes back through {@code fx} (the window's FX bridge). The
 * server is owned by this model: {@link #stop()} or {@link #shutdown()} closes it.
 */
public final class LocalServerViewModel {
    /** Every IPv4 interface: the server is for peers on this machine and on the network alike. */
    public static final String BIND_HOST = "0.0.0.0";
    /** The port the demo's servers and {@code meshscope signal-server} use by default. */
    public static final String DEFAULT_PORT = "9080";

    /** Where the server stands. */
    public enum Phase {
        /** Not running. */
        STOPPED,
        /** Binding its port. */
        STARTING,
        /** Listening. */
        RUNNING,
        /** Closing its connections. */
        STOPPING
    }

    private final Executor fx;
    private final LobbyViewModel lobby;
    private final StringProperty port = new SimpleStringProperty(this, "port", DEFAULT_PORT);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "no lobby server here");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyIntegerWrapper boundPort = new ReadOnlyIntegerWrapper(this, "boundPort", -1);
    private final ObservableList<LobbySnapshot> lobbies = FXCollections.observableArrayList();
    private Phase phase = Phase.STOPPED;
    private LobbyServer server;
    /** Bumped on every start, so lobby lists of a server stopped meanwhile are dropped. */
    private long generation;

    /**
     * A model whose server's reports reach the FX thread through {@code fx}; once started, the lobby URL of
     * {@code lobby} is pointed at it (when it still holds the default), so Join goes there.
     */
    public LocalServerViewModel(Executor fx, LobbyViewModel lobby) {
        this.fx = Objects.requireNonNull(fx);
        this.lobby = Objects.requireNonNull(lobby);
        port.addListener((o, a, b) -> {
            if (!problem.get().isEmpty()) {
                problem.set(portProblem(b));
            }
        });
    }

    /** Starts or stops the server (the button and the menu item). */
    public void toggle() {
        if (phase == Phase.RUNNING) {
            stop();
        } else if (phase == Phase.STOPPED) {
            start();
        }
    }

    /** Starts the server on the chosen port; false (with the reason shown, nothing started) when it cannot. */
    public boolean start() {
        if (phase != Phase.STOPPED) {
            problem.set("The lobby server is already " + phase.name().toLowerCase(java.util.Locale.ROOT) + ".");
            return false;
        }
        String why = portProblem(port.get());
        problem.set(why);
        if (!why.isEmpty()) {
            return false;
        }
        int p = Integer.parseInt(port.get().strip());
        long gen = ++generation;
        setPhase(Phase.STARTING);
        status.set("starting on port " + p + "...");
        LobbyServer s = new LobbyServer();
        Thread t = new Thread(
                () -> {
                    try {
                        int bound = s.start(BIND_HOST, p);
                        s.addListener(l -> fx.execute(() -> showLobbies(gen, l)));
                        fx.execute(() -> started(gen, s, bound));
                    } catch (IOException | RuntimeException e) {
                        s.close();
                        fx.execute(() -> failed(gen, p, e));
                    }
                },
                "lobby-server-start");
        t.setDaemon(true);
        t.start();
        return true;
    }

    /** Stops the server: every peer's signaling is closed (1001); meshes already up stay up. */
    public void stop() {
        if (phase != Phase.RUNNING || server == null) {
            return;
        }
        LobbyServer s = server;
        server = null;
        generation++;
        setPhase(Phase.STOPPING);
        status.set("stopping...");
        Thread t = new Thread(
                () -> {
                    s.close();
                    fx.execute(this::stopped);
                },
                "lobby-server-stop");
        t.setDaemon(true);
        t.start();
    }

    /** Closes the server, if any, and waits for it (the window is closing). FX thread. */
    public void shutdown() {
        LobbyServer s = server;
        server = null;
        generation++;
        if (s != null) {
            s.close();
        }
        setPhase(Phase.STOPPED);
    }

    private void started(long gen, LobbyServer s, int bound) {
        if (gen != generation) {
            s.close(); // Shut down while it was binding.
            return;
        }
        server = s;
        boundPort.set(bound);
        setPhase(Phase.RUNNING);
        String local = "ws://localhost:" + bound;
        status.set("listening on " + s.url() + ": join " + local + " here, ws://THIS-MACHINE:" + bound
                + " from other machines");
        if (LobbyViewModel.DEFAULT_URL.equals(lobby.urlProperty().get().strip())) {
            lobby.urlProperty().set(local);
        }
    }

    private void failed(long gen, int p, Exception e) {
        if (gen != generation) {
            return;
        }
        setPhase(Phase.STOPPED);
        status.set("no lobby server here");
        problem.set("Could not start the lobby server on port " + p + ": " + e.getMessage()
                + ". Choose another port (0 picks a free one), or stop what listens there.");
    }

    private void stopped() {
        if (phase == Phase.STOPPING) {
            setPhase(Phase.STOPPED);
            boundPort.set(-1);
            lobbies.clear();
            status.set("stopped: the peers' signaling was closed; meshes already up stay up");
        }
    }

    private void showLobbies(long gen, List<LobbySnapshot> now) {
        if (gen == generation && (phase == Phase.RUNNING || phase == Phase.STARTING)) {
            lobbies.setAll(now);
        }
    }

    private void setPhase(Phase p) {
        phase = p;
        running.set(p == Phase.RUNNING);
        busy.set(p == Phase.STARTING || p == Phase.STOPPING);
    }

    /** Why {@code text} is not a port to listen on, or "". Pure. */
    static String portProblem(String text) {
        String t = text == null ? "" : text.strip();
        try {
            int p = Integer.parseInt(t);
            if (p >= 0 && p <= 65535) {
                return "";
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        return "\"" + t + "\" is not a port: give a number from 1 to 65535 (" + DEFAULT_PORT
                + " as the demo server), or 0 for any free one.";
    }

    /** The port to listen on. */
    public StringProperty portProperty() {
        return port;
    }

    /** Why the server could not start, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What the server is doing. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True while it listens. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True while it binds or closes (the button waits). */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The port it listens on, or -1. */
    public ReadOnlyIntegerProperty boundPortProperty() {
        return boundPort.getReadOnlyProperty();
    }

    /** Its open lobbies, oldest first. */
    public ObservableList<LobbySnapshot> lobbies() {
        return lobbies;
    }

    /** Where the server stands. */
    public Phase phase() {
        return phase;
    }
}
