// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import javafx.application.Application;

/**
 * Opens the window. A plain class (not an {@code Application}), so the shaded jar's {@code Main} can start
 * JavaFX from the classpath. Without a display it says so, points to the headless agent and to
 * {@code xvfb-run}, and returns an exit code instead of throwing.
 */
public final class GuiLauncher {
    /** Exit code when no display is available (the same as ./meshscope's). */
    public static final int NO_DISPLAY = 4;
    /** Exit code when JavaFX could not start. */
    public static final int START_FAILED = 1;

    private GuiLauncher() {}

    /** Launches the GUI, waits until its window is closed, and returns the process exit code. */
    public static int launch(String[] args) {
        if (!hasDisplay()) {
            System.err.println("meshscope: no display: the GUI needs one (DISPLAY is not set).");
            System.err.println("  headless peer:      ./meshscope agent --help");
            System.err.println("  virtual display:    apt-get install -y xvfb libgtk-3-0 && xvfb-run -a ./meshscope");
            return NO_DISPLAY;
        }
        try {
            Application.launch(MeshScopeApp.class, args);
            return 0;
        } catch (RuntimeException | LinkageError e) {
            System.err.println("meshscope: the window could not be opened: " + e);
            System.err.println("  on a machine without a screen use xvfb-run -a ./meshscope, or ./meshscope agent");
            return START_FAILED;
        }
    }

    /** True when an X11 or Wayland display is set, or JavaFX is told to run headless (Monocle). */
    static boolean hasDisplay() {
        String e = System.getenv("DISPLAY");
        String w = System.getenv("WAYLAND_DISPLAY");
        return (e != null && !e.isBlank())
                || (w != null && !w.isBlank())
                || "Monocle".equalsIgnoreCase(System.getProperty("glass.platform"));
    }
}
