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

    /** The shipped CRD: the generated one with its printer columns in reading order. */
    static String shipped() throws IOException {
        return CrdColumns.ordered(generated());
    }

    @Test
    void copiesEqualTheGeneratedCrd() throws IOException {
        String crd = shipped();
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

    @Test
    void theShippedCrdListsColumnsInReadingOrderAgeLastTheFingerprintWide() throws IOException {
        var crd = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(shipped(),
                io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class);
        var columns = crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns();
        assertThat(columns).extracting(c -> c.getName()).containsExactly("Phase", "Ready", "Image", "Pod", "Host-Key", "Age");
        assertThat(columns).filteredOn(c -> c.getPriority() == 1).extracting(c -> c.getName()).containsExactly("Pod", "Host-Key");
        assertThat(columns).filteredOn(c -> c.getName().equals("Host-Key")).singleElement()
                .satisfies(c -> assertThat(c.getJsonPath()).isEqualTo(".status.ssh.hostKeyFingerprint"));
        assertThat(crd.getSpec().getNames().getCategories()).containsExactly("devws");
    }

    @Test
    void everyLevelOfTheSchemaIsDescribed() throws IOException {
        var crd = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(shipped(),
                io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class);
        var root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
        List<String> undescribed = new java.util.ArrayList<>();
        undescribed(root, "devworkspace", undescribed);
        assertThat(undescribed).as("fields kubectl explain would show as <empty>").isEmpty();
    }

    /** Every property (what kubectl explain walks), and the kind itself; array items and map values are their field's. */
    private static void undescribed(io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps node, String path, List<String> out) {
        if (node.getDescription() == null || node.getDescription().isBlank()) {
            out.add(path);
        }
        var inner = node.getItems() != null && node.getItems().getSchema() != null ? node.getItems().getSchema() : node;
        if (inner.getProperties() != null) {
            inner.getProperties().forEach((name, child) -> {
                if (!path.equals("devworkspace") || !List.of("apiVersion", "kind", "metadata").contains(name)) {
                    undescribed(child, path + "." + name, out);
                }
            });
        }
    }
}
