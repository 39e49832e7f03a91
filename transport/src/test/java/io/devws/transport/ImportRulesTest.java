package io.devws.transport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The import rules of docs/architecture.md for transport: it serves the sidecar, CLI and operator, never the reverse. */
class ImportRulesTest {
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void transportImportsOnlyApi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.devws.sidecar..", "io.devws.cli..",
                "io.devws.operator..", "io.devws.host..").check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.devws.transport.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
