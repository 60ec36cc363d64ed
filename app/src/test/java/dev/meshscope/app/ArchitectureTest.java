// SPDX-License-Identifier: MIT
package dev.meshscope.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The GUI's threading architecture, checked on the compiled classes: one class marshals onto the FX thread, and
 * the views never touch WebRTC or mesh-core's live objects (those belong to the mesh thread).
 */
class ArchitectureTest {
    private static final String[] VIEW_PACKAGES = {
        "dev.meshscope.app.gui.create..",
        "dev.meshscope.app.gui.peers..",
        "dev.meshscope.app.gui.channels..",
        "dev.meshscope.app.gui.dictionary..",
        "dev.meshscope.app.gui.signaling..",
        "dev.meshscope.app.gui.probe..",
        "dev.meshscope.app.gui.log..",
        "dev.meshscope.app.gui.links..",
        "dev.meshscope.app.gui.transport.."
    };

    private final JavaClasses main = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.meshscope.app");

    @Test
    void onlyTheFxBridgeCallsPlatformRunLater() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("dev.meshscope.app.gui.FxBridge")
                .should()
                .callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .because("exactly one class marshals onto the FX thread (DESIGN.md, Threads)")
                .check(main);
    }

    @Test
    void viewPackagesDoNotUseWebrtcJava() {
        noClasses()
                .that()
                .resideInAnyPackage(VIEW_PACKAGES)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.onvoid.webrtc..")
                .check(main);
    }

    @Test
    void viewPackagesDoNotCallLiveMeshObjects() {
        DescribedPredicate<JavaMethodCall> liveMeshCall =
                new DescribedPredicate<>(
                        "a non-static method of a mesh-core peer, connection, channel, thread or runtime") {
                    @Override
                    public boolean test(JavaMethodCall call) {
                        String owner = call.getTargetOwner().getName();
                        boolean live = owner.equals("dev.meshscope.core.WebRtcMultiplayerPeer")
                                || owner.equals("dev.meshscope.core.WebRtcPeerConnection")
                                || owner.equals("dev.meshscope.core.WebRtcDataChannel")
                                || owner.equals("dev.meshscope.core.MultiplayerPeer")
                                || owner.equals("dev.meshscope.core.MeshThread")
                                || owner.equals("dev.meshscope.core.WebRtcRuntime");
                        return live
                                && call.getTarget()
                                        .resolveMember()
                                        .map(m -> !m.getModifiers().contains(JavaModifier.STATIC))
                                        .orElse(true);
                    }
                };
        noClasses()
                .that()
                .resideInAnyPackage(VIEW_PACKAGES)
                .should()
                .callMethodWhere(liveMeshCall)
                .because("the FX thread never calls mesh-core objects: commands go to the mesh thread via the session")
                .check(main);
    }

    @Test
    void theSessionLayerDoesNotKnowJavaFx() {
        noClasses()
                .that()
                .resideInAPackage("dev.meshscope.session..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..")
                .check(ModuleLayersTest.everyModule());
    }
}
