// SPDX-License-Identifier: MIT
package dev.meshscope.app.gui;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** One toolkit, one runtime per test class; every window a test opens is closed after it. */
abstract class WindowTestBase {
    /** The shared test support (robot, runtime, windows). */
    static GuiTestSupport t;

    @BeforeAll
    static void startSupport() throws Exception {
        t = new GuiTestSupport();
    }

    @AfterEach
    void closeWindows() {
        t.closeWindows();
    }

    @AfterAll
    static void stopSupport() {
        t.close();
    }
}
