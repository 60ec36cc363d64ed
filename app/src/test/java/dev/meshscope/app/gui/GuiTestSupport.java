// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import static org.awaitility.Awaitility.await;

import dev.meshscope.core.WebRtcRuntime;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Shared plumbing of the window tests: a big headless screen, real windows on a real runtime, bounded waits
 * that read the scene on the FX thread, node lookup inside one window, and PNG rendering.
 */
public final class GuiTestSupport implements AutoCloseable {
    /** Generous bound for a loaded 2-core CI machine; real connections take well under a second. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    static {
        bigHeadlessScreen();
    }

    /**
     * Monocle's headless screen is 1280x800 unless told otherwise, smaller than one window: make room for two
     * windows side by side. Must run before the toolkit starts.
     */
    public static void bigHeadlessScreen() {
        System.setProperty("headless.geometry", "3300x1100-32");
    }

    private final WebRtcRuntime runtime = WebRtcRuntime.create();
    private final List<OpenWindow> windows = new ArrayList<>();
    /** The robot driving the windows. */
    public final FxRobot robot = new FxRobot();

    /** Starts the toolkit (once per JVM). */
    public GuiTestSupport() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    /** Opens one more window with its own session, placed {@code index} window widths to the right. */
    public OpenWindow open(String name) {
        return open(name, OpenWindow.WIDTH, OpenWindow.HEIGHT);
    }

    /**
     * Opens one more window with its own session on a screen area of {@code width} x {@code height} (a laptop
     * screen, say), placed {@code index} preferred window widths to the right.
     */
    public OpenWindow open(String name, double width, double height) {
        int index = windows.size();
        OpenWindow w = fx(() -> {
            Stage s = new Stage();
            javafx.geometry.Rectangle2D area =
                    new javafx.geometry.Rectangle2D(index * (OpenWindow.WIDTH + 20), 0, width, height);
            OpenWindow ow = OpenWindow.open(s, runtime, "mesh-" + name, area);
            s.setTitle("MeshScope " + name);
            return ow;
        });
        windows.add(w);
        return w;
    }

    /** Brings window {@code w} to the front and gives it the keyboard (Monocle does not on a click). */
    public void focus(OpenWindow w) {
        fxRun(() -> {
            w.stage().toFront();
            w.stage().requestFocus();
        });
        robot.targetWindow(w.stage());
    }

    /** Clicks {@code query} in window {@code w} (focusing the window and scrolling the node into view first). */
    public void click(OpenWindow w, String query) {
        focus(w);
        Node n = find(w, query);
        fxRun(() -> scrollIntoView(n));
        robot.clickOn(n);
    }

    /** Scrolls the enclosing scroll pane (the left column) so {@code n} is in the middle of its viewport. */
    static void scrollIntoView(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
                Node content = sp.getContent();
                double y = content.sceneToLocal(n.localToScene(n.getLayoutBounds()))
                        .getMinY();
                double h = content.getLayoutBounds().getHeight()
                        - sp.getViewportBounds().getHeight();
                if (h > 0) {
                    sp.setVvalue(Math.max(
                            0, Math.min(1, (y - sp.getViewportBounds().getHeight() / 3) / h)));
                    sp.layout();
                }
                return;
            }
        }
    }

    /** Clicks {@code query} in {@code w} and types {@code text} into it. */
    public void type(OpenWindow w, String query, String text) {
        click(w, query);
        robot.write(text);
    }

    /** Pastes the clipboard into {@code query} in {@code w} with Ctrl+V, as an operator does. */
    public void paste(OpenWindow w, String query) {
        click(w, query);
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.V)
                .release(javafx.scene.input.KeyCode.V, javafx.scene.input.KeyCode.CONTROL);
    }

    /** Runs {@code c} on the FX thread and returns its result. */
    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("FX task failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("FX task did not finish", e);
        }
    }

    /** Runs {@code r} on the FX thread and waits for it. */
    public static void fxRun(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /** The node with {@code id} ("#x") inside window {@code w}. */
    public <T extends Node> T find(OpenWindow w, String query) {
        return robot.from(w.stage().getScene().getRoot()).lookup(query).query();
    }

    /** The text of a labeled or text input node, read on the FX thread. */
    public String text(OpenWindow w, String query) {
        Node n = find(w, query);
        return fx(() -> n instanceof Labeled l ? l.getText() : ((TextInputControl) n).getText());
    }

    /** Waits until the text of {@code query} in {@code w} satisfies {@code p}. */
    public void awaitText(OpenWindow w, String query, Predicate<String> p, String what) {
        await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> p.test(text(w, query)));
    }

    /** Waits until {@code c} (run on the FX thread) is true. */
    public void awaitFx(String what, Callable<Boolean> c) {
        await(what)
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(() -> fx(c));
    }

    /** Renders {@code scene} to a PNG file. */
    public static void savePng(Scene scene, Path file) throws IOException {
        WritableImage img = fx(() -> scene.snapshot(null));
        BufferedImage bi = SwingFXUtils.fromFXImage(img, null);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(bi, "png", file.toFile());
    }

    /**
     * Where the screenshot tests write: {@code app/target/screenshots} during {@code mvn verify} (a test run never
     * rewrites tracked files), the repository's {@code screenshots/} when {@code ./meshscope screenshots} refreshes
     * README's pictures (it sets {@code -Dmeshscope.screenshots}, which app/pom.xml passes on).
     */
    public static Path screenshotsDir() {
        String dir = System.getProperty("meshscope.screenshots");
        return Path.of(dir == null || dir.isBlank() ? "target/screenshots" : dir);
    }

    /** The runtime the windows use (for in-test peers). */
    public WebRtcRuntime runtime() {
        return runtime;
    }

    /** Puts {@code text} on the system clipboard, as copying it from a chat window would. */
    public static void setClipboard(String text) {
        fxRun(() -> {
            javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
            c.putString(text);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
    }

    /** The clipboard's text. */
    public static String clipboard() {
        return fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString());
    }

    /** Closes every window (and its session). */
    public void closeWindows() {
        for (OpenWindow w : windows) {
            fxRun(() -> {
                w.close();
                w.stage().close();
            });
        }
        windows.clear();
    }

    /** Closes every window (and its session), then the runtime. */
    @Override
    public void close() {
        closeWindows();
        runtime.close();
    }
}
