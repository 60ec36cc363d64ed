// SPDX-License-Identifier: MIT
package dev.meshscope.core.testing;

import dev.meshscope.core.WebRtcRuntime;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real WebRTC runtime per test class (one native factory, as webrtc-java's own tests do), closed after
 * the class with a check that no connection was left open. Use as
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

    @Override
    public void afterAll(ExtensionContext context) {
        int leftOpen = runtime.liveConnections();
        runtime.close();
        if (leftOpen > 0) {
            System.err.println(context.getDisplayName() + " left " + leftOpen + " connection(s) open; closed by the runtime");
        }
    }

    /** The runtime of the running test class. */
    public WebRtcRuntime get() {
        return runtime;
    }
}
