package io.devws.sidecar;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The import rules of docs/architecture.md for the sidecar. */
class ImportRulesTest {
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void sidecarImportsNoCliNorOperator() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.devws.cli..", "io.devws.operator..")
                .check(MAIN);
    }

    @Test
    void agentAndForwardShareOnlyTheUnixPackage() {
        noClasses().that().resideInAPackage("io.devws.sidecar.agent..")
                .should().dependOnClassesThat().resideInAPackage("io.devws.sidecar.forward..").check(MAIN);
        noClasses().that().resideInAPackage("io.devws.sidecar.forward..")
                .should().dependOnClassesThat().resideInAPackage("io.devws.sidecar.agent..").check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.devws.sidecar.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
