package io.devws.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.SidecarContract;
import io.devws.testing.Kubeconfigs;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the API server answers, as the one line the user reads: the CRD missing, 401, 403 with the RBAC verb,
 * unreachable; {@code --verbose} adds the causes; {@code version} and {@code logs} against a scripted API server
 * (Fabric8's mock server in expectations mode: what is not scripted answers 404, as a cluster without the CRD).
 */
@EnableKubernetesMockClient
class ApiDiagnosesIT {
    static KubernetesClient client;
    static KubernetesMockServer server;
    static final String VERSION = "{\"major\":\"1\",\"minor\":\"20\",\"gitVersion\":\"v1.20.15\",\"gitCommit\":\"8f1e5bf\",\"gitTreeState\":\"clean\",\"buildDate\":\"2022-01-19T17:23:01Z\",\"goVersion\":\"go1.15.15\",\"compiler\":\"gc\",\"platform\":\"linux/amd64\"}";
    static final String LIST = "/apis/devws.io/v1alpha1/namespaces/team/devworkspaces";
    @TempDir
    Path home;
    String kubeconfig;

    @BeforeEach
    void kubeconfig() {
        server.reset();
        kubeconfig = Kubeconfigs.write(home.resolve("kubeconfig"), client.getConfiguration().getMasterUrl(), "team").toString();
    }

    CliRun devws(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--kubeconfig";
        all[args.length + 1] = kubeconfig;
        return CliRun.run(home, all);
    }

    @Test
    void aClusterWithoutTheCrdSaysDevwsIsNotInstalled() {
        String expected = "devws: devws is not installed in this cluster (it has no DevWorkspace resource): "
                + "helm install devws-operator charts/devws-operator -n devws-system --create-namespace\n";
        CliRun list = devws("list");
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err()).isEqualTo(expected);
        // a named get answers 404 for a missing object and a missing CRD alike: discovery tells them apart
        CliRun status = devws("status", "ws");
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.err()).isEqualTo(expected);
    }

    @Test
    void unauthorizedIsAboutCredentials() {
        server.expect().get().withPath(LIST).andReturn(401, new StatusBuilder().withCode(401).withMessage("Unauthorized").build()).always();
        CliRun run = devws("list");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("devws: the API server " + client.getConfiguration().getMasterUrl() + " rejected your credentials (401 Unauthorized)")
                .doesNotContain("RBAC").hasLineCount(1);
    }

    @Test
    void forbiddenNamesTheMissingRbacVerb() {
        server.expect().get().withPath(LIST).andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage("devworkspaces.devws.io is forbidden: User \"dev\" cannot list resource \"devworkspaces\" in API group"
                        + " \"devws.io\" in the namespace \"team\"").build()).always();
        CliRun run = devws("list");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("devws: not allowed to list devworkspaces.devws.io in namespace team: your user needs the RBAC verb"
                + " 'list' on devworkspaces.devws.io (check: kubectl auth can-i list devworkspaces.devws.io -n team)\n");
        CliRun verbose = devws("list", "--verbose");
        assertThat(verbose.err().lines().toList()).hasSizeGreaterThan(1);
        assertThat(verbose.err().lines().skip(1)).allMatch(l -> l.startsWith("  caused by: "))
                .anyMatch(l -> l.contains("KubernetesClientException"));
        assertThat(verbose.err()).doesNotContain("\tat ");
    }

    @Test
    void anUnreachableServerGivesItsAddressAndTheCause() throws Exception {
        Path dead = Kubeconfigs.write(home.resolve("dead"), "https://127.0.0.1:9", "team");
        CliRun run = CliRun.run(home, "list", "--kubeconfig", dead.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("devws: cannot reach the Kubernetes API server at https://127.0.0.1:9/: ")
                .contains("onnection refused").hasLineCount(1);
    }

    @Test
    void versionShowsTheClusterTheCrdAndTheOperator() {
        server.expect().get().withPath("/version").andReturn(200, VERSION).always();
        KubectlConventionsIT.discovery(server);
        server.expect().get().withPath("/apis/apps/v1/deployments?labelSelector=app.kubernetes.io%2Fname%3Ddevws-operator")
                .andReturn(200, new DeploymentListBuilder().addToItems(new DeploymentBuilder()
                        .withMetadata(new ObjectMetaBuilder().withName("devws-operator").withNamespace("devws-system")
                                .addToLabels("app.kubernetes.io/name", "devws-operator").addToLabels("app.kubernetes.io/version", "0.1.0").build())
                        .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec().addNewContainer().withName("operator")
                        .withImage("ghcr.io/devws/devws-operator:0.1.0").endContainer().endSpec().endTemplate().endSpec()
                        .withNewStatus().withReadyReplicas(1).endStatus().build()).build()).always();
        CliRun text = devws("version");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("Client: +devws \\S+ \\(built \\S+, Java \\S+\\)")
                .containsPattern("Kubernetes:  v\\d+\\.\\d+\\S* at " + java.util.regex.Pattern.quote(client.getConfiguration().getMasterUrl()))
                .contains("CRD:         devworkspaces, served as devws.io/v1alpha1")
                .contains("Operator:    0.1.0 in devws-system/devws-operator (image ghcr.io/devws/devws-operator:0.1.0, 1/1 ready)");
        CliRun json = devws("version", "-o", "json");
        assertThat(json.out()).contains("\"kubernetes\": \"v", "\"crdVersions\": [", "\"version\": \"0.1.0\"");
        CliRun client = CliRun.run(home, "version", "--client", "--kubeconfig", home.resolve("none").toString());
        assertThat(client.exitCode()).isZero();
        assertThat(client.out()).startsWith("Client:").doesNotContain("Kubernetes:");
    }

    @Test
    void versionWithoutTheCrdSaysSoAndStillPrintsTheClient() {
        server.expect().get().withPath("/version").andReturn(200, VERSION).always();
        server.expect().get().withPath("/apis/apps/v1/deployments?labelSelector=app.kubernetes.io%2Fname%3Ddevws-operator")
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build()).always();
        CliRun run = devws("version");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("CRD:         not installed (no DevWorkspace API): helm install devws-operator")
                .contains("Operator:    unknown: not allowed to list deployments.apps");
    }

    @Test
    void logsPrintTheSidecarsOrTheDevContainersLog() {
        DevWorkspace ws = new DevWorkspace();
        ws.setMetadata(new ObjectMetaBuilder().withName("ws").withNamespace("team").build());
        DevWorkspaceStatus status = new DevWorkspaceStatus();
        status.setPodName("ws-pod");
        ws.setStatus(status);
        server.expect().get().withPath(LIST + "/ws").andReturn(200, ws).always();
        server.expect().get().withPath("/api/v1/namespaces/team/pods/ws-pod").andReturn(200, new PodBuilder().withNewMetadata()
                .withName("ws-pod").withNamespace("team").endMetadata().withNewStatus().withPhase("Running").endStatus().build()).always();
        server.expect().get().withPath("/api/v1/namespaces/team/pods/ws-pod/log?pretty=false&container=" + SidecarContract.SIDECAR_CONTAINER)
                .andReturn(200, "sshd line 1\nsshd line 2\n").always();
        server.expect().get().withPath("/api/v1/namespaces/team/pods/ws-pod/log?pretty=false&container=dev&tailLines=1")
                .andReturn(200, "dev last line\n").always();
        CliRun sshd = devws("logs", "ws");
        assertThat(sshd.exitCode()).as(sshd.err()).isZero();
        assertThat(sshd.out()).isEqualTo("sshd line 1\nsshd line 2\n");
        CliRun dev = devws("logs", "ws", "--container", "dev", "--tail", "1");
        assertThat(dev.exitCode()).as(dev.err()).isZero();
        assertThat(dev.out()).isEqualTo("dev last line\n");
        CliRun bad = devws("logs", "ws", "--since", "soon");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("invalid duration 'soon'");
    }
}
