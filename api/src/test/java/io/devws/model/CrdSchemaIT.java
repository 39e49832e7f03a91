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
 * KUBECONFIG names a cluster (CI's test cluster, docs/kubernetes-quirks.md): one that does not answer fails it; with
 * no KUBECONFIG it is skipped, and reported as skipped. Applies the generated CRD, which is what installing devws does anyway.
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
            // KUBECONFIG names a cluster, so this run was meant to use it: fail rather than skip
            throw new IllegalStateException("the cluster in KUBECONFIG does not answer: " + e.getMessage(), e);
        }
        CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(CrdCopiesTest.shipped(), CustomResourceDefinition.class);
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
        // the raw object as the API server defaulted it must say what the Java model (whose field
        // initialisers are the defaults the operator and CLI code assume) says for the same input
        DevWorkspaceSpec model = client.getKubernetesSerialization().unmarshal(Files.readString(fixture), DevWorkspace.class).getSpec();
        assertThat((Object) created.get("spec", "started")).isEqualTo(model.getStarted());
        assertThat((Object) created.get("spec", "storage", "size")).isEqualTo(model.getStorage().getSize());
        assertThat((Object) created.get("spec", "storage", "mountPath")).isEqualTo(model.getStorage().getMountPath());
        assertThat((Object) created.get("spec", "storage", "ephemeral")).isEqualTo(model.getStorage().getEphemeral());
        assertThat((Object) created.get("spec", "ssh", "keepaliveInterval")).isEqualTo(model.getSsh().getKeepaliveInterval());
        assertThat((Object) created.get("spec", "ssh", "agentForwarding")).isEqualTo(model.getSsh().getAgentForwarding());
        assertThat((Object) created.get("spec", "ssh", "tcpForwarding")).isEqualTo(model.getSsh().getTcpForwarding());
    }
}
