package io.devws.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The import rules of docs/architecture.md for the session host: it runs in the user's dev container on a
 * small runtime of its own, so it imports no other devws module (and so none of their libraries).
 */
class ImportRulesTest {
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void hostImportsNoOtherDevwsModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.devws.model..", "io.devws.transport..",
                "io.devws.sidecar..", "io.devws.cli..", "io.devws.operator..").check(MAIN);
    }

    @Test
    void hostImportsNoSshOrKubernetesLibrary() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.sshd..", "io.fabric8..",
                "io.netty..", "io.vertx..").check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.devws.host.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
