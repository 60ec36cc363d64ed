// SPDX-License-Identifier: MIT
package dev.meshscope.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The module layering of DESIGN.md (mesh-core &lt;- signaling-file &lt;- session &lt;- {app, agent, bench}), checked on
 * the compiled main classes of every module: app's test classpath carries all of them, as the shipped jar does.
 * Maven already refuses an import of a module that is not declared; these rules also hold the lines Maven cannot
 * see (packages, JavaFX arriving through some other dependency) and say why in the failure.
 *
 * <p>Every rule fails on an empty selection (ArchUnit's default), and {@link #everyModuleIsImported()} checks that
 * each module's classes are really there, so a rule cannot pass by looking at nothing.
 */
class ModuleLayersTest {
    private static final String CORE = "dev.meshscope.core..";
    private static final String CORE_INTERNAL = "dev.meshscope.core.internal..";
    private static final String SIGNALING = "dev.meshscope.signaling..";
    private static final String SESSION = "dev.meshscope.session..";
    private static final String WINDOW = "dev.meshscope.app..";
    private static final String AGENT = "dev.meshscope.agent..";
    private static final String BENCH = "dev.meshscope.bench..";
    private static final String BENCH_BASELINE = "dev.meshscope.bench.baseline..";
    private static final String WEBRTC_JAVA = "dev.onvoid.webrtc..";
    private static final String[] JAVAFX = {"javafx..", "com.sun.javafx..", "atlantafx..", "org.kordamp.ikonli.."};

    /** Main classes only: the test classes of this module and mesh-core's test jar are not part of the layering. */
    private static final ImportOption MAIN_CLASSES_ONLY = new ImportOption() {
        @Override
        public boolean includes(Location location) {
            return ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location) && !location.contains("-tests.jar");
        }
    };

    private static final JavaClasses EVERY_MODULE =
            new ClassFileImporter().withImportOption(MAIN_CLASSES_ONLY).importPackages("dev.meshscope");

    /** The main classes of every MeshScope module, imported once per test JVM (called from the test thread). */
    static JavaClasses everyModule() {
        return EVERY_MODULE;
    }

    @Test
    void everyModuleIsImported() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : EVERY_MODULE) {
            String[] parts = c.getPackageName().split("\\.");
            packages.add(parts.length > 2 ? parts[2] : c.getPackageName());
        }
        assertThat(packages).contains("core", "signaling", "session", "app", "agent", "bench");
    }

    /**
     * The rules below name packages; this one ties each package to its module, so that a class cannot slip past
     * them by declaring another module's package (a split package Maven would compile without a word).
     */
    @Test
    void eachPackageLivesInItsModule() {
        Map<String, String> moduleOfPackage = Map.of(
                "core",
                "mesh-core",
                "signaling",
                "signaling-file",
                "session",
                "session",
                "app",
                "app",
                "agent",
                "agent",
                "bench",
                "bench",
                "godot",
                "godot-wire",
                "signalserver",
                "signal-server");
        List<String> strays = new ArrayList<>();
        for (JavaClass c : EVERY_MODULE) {
            String[] parts = c.getPackageName().split("\\.");
            String module = parts.length > 2 ? moduleOfPackage.get(parts[2]) : null;
            String where = c.getSource().map(src -> src.getUri().toString()).orElse("");
            boolean inModule = module != null
                    && (where.contains("/" + module + "/target/classes/")
                            || where.matches(".*/" + module + "-[^/]*\\.jar!/.*"));
            if (!inModule) {
                strays.add(c.getName() + " (" + where + ")");
            }
        }
        assertThat(strays)
                .as("classes outside the module their package belongs to")
                .isEmpty();
    }

    @Test
    void javaFxStaysInTheWindow() {
        noClasses()
                .that()
                .resideOutsideOfPackage(WINDOW)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(JAVAFX)
                .because("only app is the window; the agent's and the bench's jars carry no JavaFX (issue 9)")
                .check(EVERY_MODULE);
    }

    @Test
    void onlyMeshCoreSeesItsInternals() {
        noClasses()
                .that()
                .resideOutsideOfPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(CORE_INTERNAL)
                .because("dev.meshscope.core.internal holds the webrtc-java glue; its types never leave mesh-core")
                .check(EVERY_MODULE);
    }

    @Test
    void meshCoreDependsOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SIGNALING, SESSION, WINDOW, AGENT, BENCH)
                .because("mesh-core is the bottom layer")
                .check(EVERY_MODULE);
    }

    @Test
    void signalingNeverImportsTheSessionOrAFrontEnd() {
        noClasses()
                .that()
                .resideInAPackage(SIGNALING)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SESSION, WINDOW, AGENT, BENCH)
                .because("signaling-file sits under the session: mesh-core <- signaling-file <- session")
                .check(EVERY_MODULE);
    }

    @Test
    void theLobbyServerUsesOnlyTheSignalingMessages() {
        noClasses()
                .that()
                .resideInAPackage("dev.meshscope.signalserver..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.meshscope.core..",
                        "dev.meshscope.signaling.session..",
                        "dev.meshscope.signaling.folder..",
                        SESSION,
                        WINDOW,
                        AGENT,
                        BENCH)
                .because("the lobby server speaks the demo protocol only: it needs the message types, no WebRTC")
                .check(EVERY_MODULE);
    }

    @Test
    void sessionNeverImportsAFrontEnd() {
        noClasses()
                .that()
                .resideInAPackage(SESSION)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(WINDOW, AGENT, BENCH)
                .because("the window, the agent and the bench all drive the one session; it knows none of them")
                .check(EVERY_MODULE);
    }

    @Test
    void agentAndBenchNeverImportTheWindow() {
        noClasses()
                .that()
                .resideInAnyPackage(AGENT, BENCH)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(WINDOW)
                .because("the window benchmark (bench gui) lives with the window in app, whose Main adds it")
                .check(EVERY_MODULE);
    }

    @Test
    void onlyMeshCoreAndTheBenchBaselineUseWebrtcJava() {
        noClasses()
                .that()
                .resideOutsideOfPackages(CORE, BENCH_BASELINE)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(WEBRTC_JAVA)
                .because("mesh-core guards webrtc-java's hazards; only the bench's baseline measures the raw library")
                .check(EVERY_MODULE);
    }

    @Test
    void webrtcJavaTypesStayOutOfMeshCoresPublicSignatures() {
        ArchCondition<JavaCodeUnit> noWebrtcTypes = new ArchCondition<>("not name a webrtc-java type") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                List<JavaClass> named = new ArrayList<>(unit.getRawParameterTypes());
                named.add(unit.getRawReturnType());
                for (JavaClass type : named) {
                    if (type.getPackageName().startsWith("dev.onvoid.webrtc")) {
                        events.add(
                                SimpleConditionEvent.violated(unit, unit.getFullName() + " names " + type.getName()));
                    }
                }
            }
        };
        codeUnits()
                .that()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .resideInAPackage(CORE)
                .and()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackage(CORE_INTERNAL)
                .and()
                .areDeclaredInClassesThat()
                .haveModifier(JavaModifier.PUBLIC)
                .should(noWebrtcTypes)
                .because("webrtc-java types never appear in a public signature outside dev.meshscope.core.internal "
                        + "(DESIGN.md)")
                .check(EVERY_MODULE);
    }

    @Test
    void agentAndBenchAreIndependent() {
        noClasses()
                .that()
                .resideInAPackage(AGENT)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BENCH)
                .because("front ends meet only in app's Main")
                .check(EVERY_MODULE);
        noClasses()
                .that()
                .resideInAPackage(BENCH)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(AGENT)
                .because("front ends meet only in app's Main")
                .check(EVERY_MODULE);
    }
}
