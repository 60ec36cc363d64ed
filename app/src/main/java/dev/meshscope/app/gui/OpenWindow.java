// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import atlantafx.base.theme.PrimerDark;
import dev.meshscope.session.MeshSession;
import dev.meshscope.core.WebRtcRuntime;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * One MeshScope window with its live session: the mesh thread's {@link MeshSession}, the {@link FxBridge}
 * and the {@link MainWindow} in a stage. The application opens one; tests and the GUI benchmark open several
 * in one JVM. FX thread for {@link #open} and {@link #close}.
 */
public final class OpenWindow {
    /** Default window size: everything visible at once on a 1600x1000 screen area. */
    public static final double WIDTH = 1600;
    /** Default window height. */
    public static final double HEIGHT = 1000;

    private final Stage stage;
    private final FxBridge bridge;
    private final MeshSession session;
    private final MainWindow window;

    private OpenWindow(Stage stage, FxBridge bridge, MeshSession session, MainWindow window) {
        this.stage = stage;
        this.bridge = bridge;
        this.session = session;
        this.window = window;
    }

    /**
     * Builds a window in {@code stage} on {@code runtime} (owned by the caller), starts its session on a mesh
     * thread named {@code threadName}, and shows it. FX thread.
     */
    public static OpenWindow open(Stage stage, WebRtcRuntime runtime, String threadName) {
        Objects.requireNonNull(stage, "stage");
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        FxBridge bridge = new FxBridge();
        MeshSession session = new MeshSession(threadName, runtime, bridge);
        MainWindow window = new MainWindow(session, bridge);
        Scene scene = new Scene(window.root(), WIDTH, HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(OpenWindow.class.getResource("meshscope.css"),
                "meshscope.css is missing from the jar").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("MeshScope");
        bridge.start();
        stage.show();
        UiPriority.favourTheWindow();
        return new OpenWindow(stage, bridge, session, window);
    }

    /** Stops the bridge and the session (closing every connection). FX thread; waits for the mesh thread. */
    public void close() {
        bridge.stop();
        session.shutdown();
    }

    /** The stage. */
    public Stage stage() {
        return stage;
    }

    /** The bridge onto the FX thread. */
    public FxBridge bridge() {
        return bridge;
    }

    /** The session (commands go through it). */
    public MeshSession session() {
        return session;
    }

    /** The window's models and views. */
    public MainWindow window() {
        return window;
    }
}
