// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import atlantafx.base.theme.PrimerDark;
import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.session.MeshSession;
import dev.meshscope.session.record.RecordSettings;
import java.util.Objects;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * One MeshScope window with its live session: the mesh thread's {@link MeshSession}, the {@link FxBridge}
 * and the {@link MainWindow} in a stage. The application opens one; tests and the GUI benchmark open several
 * in one JVM. FX thread for {@link #open} and {@link #close}.
 */
public final class OpenWindow {
    /**
     * Preferred window width: every table column at its natural width with the form beside it. On a smaller
     * screen the window takes the screen's usable area instead (see {@link #placement}).
     */
    public static final double WIDTH = 1600;
    /** Preferred window height (the tables show a dozen rows each); capped by the screen's usable height. */
    public static final double HEIGHT = 1000;
    /**
     * Smallest window the layout is made for: a 1366x768 laptop screen (the most common small one) minus a
     * task bar. Below it the form column scrolls and the tables scroll sideways, but the window still opens.
     */
    public static final double MIN_WIDTH = 1024;
    /** Smallest window height the layout is made for (see {@link #MIN_WIDTH}). */
    public static final double MIN_HEIGHT = 600;

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
     * thread named {@code threadName}, and shows it inside the primary screen's usable area. FX thread.
     */
    public static OpenWindow open(Stage stage, WebRtcRuntime runtime, String threadName) {
        return open(stage, runtime, threadName, Screen.getPrimary().getVisualBounds());
    }

    /**
     * Like {@link #open(Stage, WebRtcRuntime, String)}, inside {@code area} (a screen's usable bounds, or the part
     * of it a test gives each window). FX thread.
     */
    public static OpenWindow open(Stage stage, WebRtcRuntime runtime, String threadName, Rectangle2D area) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(area, "area");
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        FxBridge bridge = new FxBridge();
        MeshSession session = new MeshSession(threadName, runtime, bridge, RecordSettings.fromSystem());
        MainWindow window = new MainWindow(session, bridge);
        Rectangle2D at = placement(area);
        // The scene gets the window's size from the start: a first layout at the root's preferred size (wider than
        // a laptop screen) would fix the form column's width there, and the split panes keep it when shrunk.
        Scene scene = new Scene(window.root(), at.getWidth(), at.getHeight());
        scene.getStylesheets()
                .add(Objects.requireNonNull(
                                OpenWindow.class.getResource("meshscope.css"), "meshscope.css is missing from the jar")
                        .toExternalForm());
        stage.setScene(scene);
        stage.setTitle("MeshScope");
        stage.setX(at.getMinX());
        stage.setY(at.getMinY());
        stage.setWidth(at.getWidth());
        stage.setHeight(at.getHeight());
        stage.setMinWidth(Math.min(MIN_WIDTH, at.getWidth()));
        stage.setMinHeight(Math.min(MIN_HEIGHT, at.getHeight()));
        bridge.start();
        stage.show();
        UiPriority.favourTheWindow();
        return new OpenWindow(stage, bridge, session, window);
    }

    /**
     * Where the window goes in {@code area}: {@link #WIDTH} x {@link #HEIGHT}, or the whole area where it is
     * smaller (the stage size includes any decorations, so the title bar stays on screen), centred.
     */
    public static Rectangle2D placement(Rectangle2D area) {
        double w = Math.min(WIDTH, area.getWidth());
        double h = Math.min(HEIGHT, area.getHeight());
        return new Rectangle2D(
                area.getMinX() + Math.floor((area.getWidth() - w) / 2),
                area.getMinY() + Math.floor((area.getHeight() - h) / 2),
                w,
                h);
    }

    /**
     * Stops the bridge, the window's lobby server (if started) and the session (closing every connection). FX thread;
     * waits for the mesh thread.
     */
    public void close() {
        bridge.stop();
        window.shutdown();
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
