// SPDX-License-Identifier: MIT
package dev.meshscope.core.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Fences every webrtc-java callback body. Any Throwable that escapes a callback into native code aborts the
 * JVM (facts, crash 4), so every observer method runs its body through {@link #run}. What it catches is
 * logged once per kind and counted; it never propagates.
 *
 * <p>Called on webrtc-java's signalling thread. Never blocks.
 */
public final class CallbackGuard {
    private static final System.Logger LOG = System.getLogger(CallbackGuard.class.getName());
    private static final AtomicLong CAUGHT = new AtomicLong();

    private CallbackGuard() {}

    /** Runs {@code body}, swallowing (and logging) anything it throws, Errors included. */
    public static void run(String callback, Runnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            CAUGHT.incrementAndGet();
            try {
                LOG.log(System.Logger.Level.ERROR, "webrtc-java callback " + callback + " threw; contained", t);
            } catch (Throwable ignored) {
                // Logging itself failed (out of memory?): still never let anything reach native code.
            }
        }
    }

    /** How many Throwables callbacks have thrown and this guard contained, since the JVM started. */
    public static long caughtCount() {
        return CAUGHT.get();
    }
}
