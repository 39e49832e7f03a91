package io.devws.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema fixtures against a real API server (server-side dry run: nothing is stored). Runs when
 * KUBECONFIG names a reachable cluster (../shared/kube provides one); otherwise it is skipped, and
 * reported as skipped. Applies the generated CRD, which is what installing devws does anyway.
 */
class CrdSchemaIT {
    private static KubernetesClient client;

    @BeforeAll
    static void cluster() throws IOException, InterruptedException {
        String kubeconfig = System.getenv("KUBECONFIG");
        assumeTrue(kubeconfig != null && Files.exists(Path.of(kubeconfig)), "KUBECONFIG names no cluster");
        client = new KubernetesClientBuilder().build();
        try {
            client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            assumeTrue(false, "the cluster in KUBECONFIG does not answer: " + e.getMessage());
        }
        CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(CrdCopiesTest.generated(), CustomResourceDefinition.class);
        client.resource(crd).unlock().createOr(existing -> existing.update());
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                        .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())), 30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    static Stream<Path> invalid() {
        return SchemaFixtures.invalid().stream();
    }

    static Stream<Path> valid() {
        return SchemaFixtures.valid().stream();
    }

    private static GenericKubernetesResource load(Path fixture) throws IOException {
        return client.getKubernetesSerialization().unmarshal(Files.readString(fixture), GenericKubernetesResource.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void apiServerRejectsMalformed(Path fixture) throws IOException {
        GenericKubernetesResource ws = load(fixture);
        String field = SchemaFixtures.expectedField(fixture);
        assertThatThrownBy(() -> client.resource(ws).inNamespace("default").dryRun().create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains(field);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void apiServerAcceptsValidAndAppliesDefaults(Path fixture) throws IOException {
        GenericKubernetesResource created = client.resource(load(fixture)).inNamespace("default").dryRun().create();
        // read the raw object: the Java model would fill in its own defaults and hide missing ones
        assertThat((Object) created.get("spec", "started")).isNotNull();
        assertThat((Object) created.get("spec", "storage", "size")).isNotNull();
        assertThat((Object) created.get("spec", "storage", "mountPath")).isNotNull();
        assertThat((Object) created.get("spec", "storage", "ephemeral")).isNotNull();
        assertThat((Object) created.get("spec", "ssh", "keepaliveInterval")).isNotNull();
        assertThat((Object) created.get("spec", "ssh", "agentForwarding")).isNotNull();
        assertThat((Object) created.get("spec", "ssh", "tcpForwarding")).isNotNull();
    }
}
