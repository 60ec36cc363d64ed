// SPDX-License-Identifier: MIT
package dev.meshscope.session;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The session module runs without JavaFX: none of its dependencies, direct or transitive, brings JavaFX onto its
 * classpath (issue 9). The ArchUnit rules in app catch code that uses JavaFX; this catches a dependency that
 * carries it unused.
 */
class NoJavaFxOnClasspathTest {
    @Test
    void javaFxIsNotOnTheClasspath() {
        ClassLoader loader = NoJavaFxOnClasspathTest.class.getClassLoader();
        assertThatThrownBy(() -> Class.forName("javafx.application.Platform", false, loader))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("javafx.scene.Node", false, loader))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
