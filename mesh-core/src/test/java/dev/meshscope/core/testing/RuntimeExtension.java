// SPDX-License-Identifier: MIT
package dev.meshscope.core.testing;

import dev.meshscope.core.WebRtcRuntime;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real WebRTC runtime per test class (one native factory, as webrtc-java's own tests do), closed after
 * the class; the class fails if it left a connection open. Use as
 * {@code @RegisterExtension static final RuntimeExtension RT = new RuntimeExtension();}.
 */
public final class RuntimeExtension implements BeforeAllCallback, AfterAllCallback {
    private WebRtcRuntime runtime;

    @Override
    public void beforeAll(ExtensionContext context) {
        runtime = WebRtcRuntime.create();
        if (runtime.loadProblem() != null) {
            throw new IllegalStateException(runtime.loadProblem());
        }
    }

    /**
     * Closes the runtime, then fails the class if any connection was still open: a test that leaks a connection
     * would leak it in the product too (each holds sockets and ~165 KiB of native memory).
     */
    @Override
    public void afterAll(ExtensionContext context) {
        int leftOpen = runtime.liveConnections();
        runtime.close();
        if (leftOpen > 0) {
            throw new AssertionError(context.getDisplayName() + " left " + leftOpen + " WebRTC connection(s) open; "
                    + "close every peer and connection the test made (they were closed by the runtime).");
        }
    }

    /** The runtime of the running test class. */
    public WebRtcRuntime get() {
        return runtime;
    }
}
