// SPDX-License-Identifier: MIT
package dev.meshscope.core.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshscope.core.WebRtcPeerConnection;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The per-class runtime fails a class that leaves a connection open, and passes one that closes everything. */
@Tag("native")
class RuntimeExtensionTest {
    /** Just enough of a JUnit context for the extension: it only asks for the display name. */
    private static ExtensionContext context(String name) {
        return (ExtensionContext) Proxy.newProxyInstance(
                ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class},
                (proxy, method, args) -> "getDisplayName".equals(method.getName()) ? name : null);
    }

    @Test
    void aLeakedConnectionFailsTheClass() {
        RuntimeExtension ext = new RuntimeExtension();
        ext.beforeAll(context("LeakyTest"));
        new WebRtcPeerConnection(ext.get());
        assertThatThrownBy(() -> ext.afterAll(context("LeakyTest")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyTest left 1 WebRTC connection(s) open");
    }

    @Test
    void aClassThatClosesEverythingPasses() {
        RuntimeExtension ext = new RuntimeExtension();
        ext.beforeAll(context("TidyTest"));
        new WebRtcPeerConnection(ext.get()).close();
        assertThatCode(() -> ext.afterAll(context("TidyTest"))).doesNotThrowAnyException();
    }
}
