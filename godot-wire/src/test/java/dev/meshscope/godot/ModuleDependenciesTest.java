// SPDX-License-Identifier: MIT
package dev.meshscope.godot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** godot-wire is a leaf: its main classes use the JDK, JSpecify and themselves, nothing else of MeshScope. */
class ModuleDependenciesTest {
    @Test
    void mainClassesUseOnlyTheJdkAndJspecify() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.meshscope.godot");
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.jspecify..", "dev.meshscope.godot..")
                .because("godot-wire must stay usable from any module: no WebRTC, JavaFX or other MeshScope module")
                .check(main);
    }
}
