package io.devws.model;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The import rules of docs/architecture.md for api: the CR model and the contracts, no I/O. */
class ImportRulesTest {
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void apiDoesNoIo() {
        noClasses().should().dependOnClassesThat(resideInAnyPackage("io.fabric8.kubernetes.client..")
                        .and(not(simpleName("CustomResource")))
                        // the crd-generator's schema hook (model.schema, build time) is handed the serializer
                        .and(not(simpleName("KubernetesSerialization"))))
                .orShould().dependOnClassesThat().resideInAnyPackage("org.apache.sshd..", "java.net..",
                        "java.nio.channels..", "io.vertx..", "io.netty..")
                .because("api holds the CR (a CustomResource) and contracts: no client, no SSH, no sockets")
                .check(MAIN);
    }

    @Test
    void apiImportsNoOtherModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.devws.transport..", "io.devws.sidecar..",
                "io.devws.cli..", "io.devws.operator..", "io.devws.host..").check(MAIN);
    }
}
