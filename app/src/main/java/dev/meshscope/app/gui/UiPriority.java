// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

/**
 * Gives the threads that draw the window a higher scheduling priority than the mesh's. Under saturating
 * traffic, libwebrtc's threads keep every core busy; at equal priority the FX and render threads wait for a
 * core and pulses slip by tens of milliseconds. Java priorities become OS priorities only when the JVM runs
 * with {@code -XX:ThreadPriorityPolicy=1} as root (./meshscope passes it then); elsewhere this is a no-op.
 */
final class UiPriority {
    /** JavaFX's render thread; named by Quantum, the toolkit's default pipeline. */
    private static final String RENDER_THREAD_PREFIX = "QuantumRenderer";

    private UiPriority() {}

    /** Raises the calling (FX) thread and the render thread to the highest priority. FX thread. */
    static void favourTheWindow() {
        Thread.currentThread().setPriority(Thread.MAX_PRIORITY);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(RENDER_THREAD_PREFIX)) {
                t.setPriority(Thread.MAX_PRIORITY);
            }
        }
    }
}
