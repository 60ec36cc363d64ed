// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import dev.meshscope.core.WebRtcRuntime;
import dev.meshscope.session.OperatorAction;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application: one window on the process-wide WebRTC runtime. Launched by {@link GuiLauncher}
 * (a plain class, so {@code java -jar} works). Every uncaught exception, on any thread, is shown in the
 * window's event log and header instead of crashing it.
 */
public final class MeshScopeApp extends Application {
    private OpenWindow open;
    private WebRtcRuntime runtime;

    @Override
    public void start(Stage stage) {
        runtime = WebRtcRuntime.create();
        open = OpenWindow.open(stage, runtime, "mesh");
        installErrorHandler(open.bridge());
    }

    /**
     * Routes uncaught exceptions of every thread (the FX thread included) to the window: a failure line in the
     * log and the header, the stack trace on stderr. Any thread may then fail without taking the window down.
     */
    static void installErrorHandler(FxBridge bridge) {
        Thread.UncaughtExceptionHandler h = (t, e) -> {
            System.err.println("MeshScope: uncaught exception on thread " + t.getName());
            e.printStackTrace();
            bridge.action(OperatorAction.failed(
                    0,
                    "internal",
                    "unexpected " + e + " on thread " + t.getName()
                            + " (the window goes on; the stack trace is on the console)."));
        };
        Thread.setDefaultUncaughtExceptionHandler(h);
        Thread.currentThread().setUncaughtExceptionHandler(h);
    }

    @Override
    public void stop() {
        if (open != null) {
            open.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }
}
