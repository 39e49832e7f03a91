package io.devws.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The import rules of docs/architecture.md for the operator. */
class ImportRulesTest {
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void operatorImportsNoSidecarNorCli() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.devws.sidecar..", "io.devws.cli..")
                .check(MAIN);
    }
}
