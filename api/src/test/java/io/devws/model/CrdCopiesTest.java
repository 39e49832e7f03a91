package io.devws.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CRD exists once, generated from the Java model by the crd-generator plugin; deploy/ and the
 * chart carry byte-identical copies. Refresh them after a model change with
 * {@code mvn -pl api test -Dtest=CrdCopiesTest -Ddevws.refreshCrds=true}.
 */
class CrdCopiesTest {
    static final String GENERATED = "META-INF/fabric8/devworkspaces.devws.io-v1.yml";
    static final String COPY_NAME = "devworkspaces.devws.io.yaml";
    static final List<Path> COPIES = List.of(
            Path.of("../deploy/crds", COPY_NAME),
            Path.of("../charts/devws-operator/crds", COPY_NAME));

    static String generated() throws IOException {
        try (InputStream in = CrdCopiesTest.class.getClassLoader().getResourceAsStream(GENERATED)) {
            assertThat(in).as("the crd-generator plugin wrote " + GENERATED).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void copiesEqualTheGeneratedCrd() throws IOException {
        String crd = generated();
        for (Path copy : COPIES) {
            if (Boolean.getBoolean("devws.refreshCrds")) {
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, crd);
            }
            assertThat(copy).as(copy + " is missing; refresh with -Ddevws.refreshCrds=true").exists();
            assertThat(Files.readString(copy))
                    .as(copy + " differs from the CRD generated from the model: refresh it with "
                            + "mvn -pl api test -Dtest=CrdCopiesTest -Ddevws.refreshCrds=true")
                    .isEqualTo(crd);
        }
    }

    @Test
    void describesTheApiTheIssueAsksFor() throws IOException {
        String crd = generated();
        assertThat(crd).contains("group: \"devws.io\"", "kind: \"DevWorkspace\"", "plural: \"devworkspaces\"",
                "- \"dws\"", "scope: \"Namespaced\"", "name: \"v1alpha1\"", "status: {}");
        assertThat(crd).doesNotContain("x-kubernetes-validations"); // no CEL: must work on Kubernetes 1.20
        for (String column : List.of("Phase", "Image", "Pod", "Age")) {
            assertThat(crd).contains("name: \"" + column + "\"");
        }
    }
}
