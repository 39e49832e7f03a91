package io.devws.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devws.model.Condition;
import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.Phase;
import io.devws.model.SshStatus;
import io.devws.testing.Kubeconfigs;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** up/start/stop/delete/list/status through a kubeconfig, against the Fabric8 mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class LifecycleCommandsIT {
    static final String HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    static KubernetesClient client;
    static KubernetesMockServer server;
    @TempDir
    Path home;
    String kubeconfig;

    @org.junit.jupiter.api.BeforeAll
    static void discovery() {
        KubectlConventionsIT.discovery(server); // the API server serves DevWorkspaces: a missing one is "not found"
    }

    @BeforeEach
    void kubeconfig() throws Exception {
        Path file = home.resolve("kubeconfig");
        Kubeconfigs.write(file, client.getConfiguration().getMasterUrl(), "team");
        kubeconfig = file.toString();
        client.resources(DevWorkspace.class).inNamespace("team").delete();
    }

    CliRun devws(String... args) {
        return devws(new StringWriter(), args);
    }

    CliRun devws(StringWriter out, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--kubeconfig";
        all[args.length + 1] = kubeconfig;
        return CliRun.run(home, out, all);
    }

    DevWorkspace get(String name) {
        return client.resources(DevWorkspace.class).inNamespace("team").withName(name).get();
    }

    @Test
    void upCreatesTheResourceWithTheGivenSpec() {
        CliRun up = devws("up", "ws", "--image", "debian:bookworm", "--storage", "20Gi", "--ephemeral", "--idle-timeout", "30m", "--no-wait");
        assertThat(up.exitCode()).as(up.err()).isZero();
        DevWorkspace ws = get("ws");
        assertThat(ws.getSpec().getContainer().getImage()).isEqualTo("debian:bookworm");
        assertThat(ws.getSpec().getStorage().getSize()).isEqualTo("20Gi");
        assertThat(ws.getSpec().getStorage().ephemeral()).isTrue();
        assertThat(ws.getSpec().getIdleTimeout()).isEqualTo("30m");
        assertThat(ws.getSpec().started()).isTrue();
    }

    @Test
    void upWithoutImageForANewWorkspaceSaysWhatToDo() {
        CliRun up = devws("up", "nope", "--no-wait");
        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.err()).isEqualTo("devws: workspace nope does not exist yet: give an image, e.g. devws up nope --image debian:bookworm --user 0\n");
        assertThat(get("nope")).isNull();
    }

    @Test
    void upWaitsAndShowsEachStepWithThePodsEvents() throws Exception {
        StringWriter shown = new StringWriter();
        CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> fakeOperator(shown));
        CliRun up = devws(shown, "up", "ws", "--image", "debian:bookworm", "--timeout", "30s");
        operator.get();
        assertThat(up.exitCode()).as(up.err()).isZero();
        // not a terminal: plain lines, each once
        assertThat(up.out()).contains("ws: waiting for the operator to pick it up\n", "ws: pulling images and starting containers\n").doesNotContain("\r");
        assertThat(up.out()).contains("  Pulling: Pulling image \"debian:bookworm\"\n", "ws: SSH ready\n", "connect: ssh ws.team.devws");
        assertThat(up.out().indexOf("ws: SSH ready")).isGreaterThan(up.out().indexOf("Pulling: Pulling"));
    }

    @Test
    void stopStartListStatusDelete() {
        assertThat(devws("up", "b", "--image", "img:1", "--no-wait").exitCode()).isZero();
        assertThat(devws("up", "a", "--image", "img:2", "--no-wait").exitCode()).isZero();
        setStatus("a", Phase.Running, "a-pod");

        assertThat(devws("stop", "a").exitCode()).isZero();
        assertThat(get("a").getSpec().started()).isFalse();
        assertThat(devws("start", "a").exitCode()).isZero();
        assertThat(get("a").getSpec().started()).isTrue();

        CliRun table = devws("list");
        assertThat(table.out().lines().toList()).hasSize(3);
        assertThat(table.out().lines().toList().get(0)).matches("NAME +PHASE +IMAGE +POD +AGE");
        // in the API server's order, as kubectl
        assertThat(table.out().lines().skip(1)).anyMatch(l -> l.matches("a +Running +img:2 +a-pod +\\d+s"))
                .anyMatch(l -> l.matches("b +Pending +img:1 +- +\\d+s"));
        assertThat(devws("list", "-o", "json").out()).contains("\"kind\": \"List\"", "\"name\": \"a\"", "\"hostPublicKey\": \"ssh-ed25519 ");
        assertThat(devws("list", "-o", "yaml").out()).contains("kind: List", "    name: a", "phase: Running");

        CliRun status = devws("status", "a");
        assertThat(status.out()).contains("Phase:         Running", "Host key:      SHA256:", "Last activity: 2026-11-26T10:00:00Z", "Sessions:      host\n")
                .containsPattern("Ready +True +SshAnswers");

        assertThat(devws("delete", "b").exitCode()).isZero();
        assertThat(get("b")).isNull();
        CliRun missing = devws("delete", "b");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("devws: workspace b not found in namespace team: see `devws list -n team`, or create it with `devws up b --image IMAGE`\n");
    }

    @Test
    void aMissingKubeconfigIsOneLine() {
        CliRun run = CliRun.run(home, "list", "--kubeconfig", home.resolve("nope").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("devws: kubeconfig ").endsWith("not found: pass --kubeconfig FILE (or use --local for a workspace without a cluster)\n");
    }

    @Test
    void anUnreachableClusterIsOneLine() throws Exception {
        Path file = home.resolve("dead");
        Files.writeString(file, Files.readString(Path.of(kubeconfig)).replace(client.getConfiguration().getMasterUrl(), "http://127.0.0.1:9"));
        CliRun run = CliRun.run(home, "list", "--kubeconfig", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).contains("cannot reach the Kubernetes API server");
    }

    /**
     * Each step once {@code up} has shown the one before (it polls): without the resource, without a pod, then a
     * scheduled pod that pulls, then Running, so every stage the test expects was there for {@code up} to see.
     */
    private void fakeOperator(StringWriter shown) {
        await("up has created the workspace and shown that the operator has not picked it up").atMost(Duration.ofSeconds(20))
                .until(() -> get("ws") != null && shown.toString().contains("ws: waiting for the operator to pick it up\n"));
        client.pods().inNamespace("team").resource(new PodBuilder().withNewMetadata().withName("ws").endMetadata()
                .withNewStatus().addNewCondition().withType("PodScheduled").withStatus("True").endCondition().endStatus().build()).create();
        client.v1().events().inNamespace("team").resource(new EventBuilder().withNewMetadata().withName("ws.1").endMetadata()
                .withReason("Pulling").withMessage("Pulling image \"debian:bookworm\"")
                .withNewInvolvedObject().withKind("Pod").withName("ws").endInvolvedObject().build()).create();
        setStatus("ws", Phase.Starting, "ws");
        await("up has shown the pulling pod and its event").atMost(Duration.ofSeconds(20))
                .until(() -> shown.toString().contains("ws: pulling images and starting containers\n")
                        && shown.toString().contains("  Pulling: Pulling image \"debian:bookworm\"\n"));
        setStatus("ws", Phase.Running, "ws");
    }

    private void setStatus(String name, Phase phase, String pod) {
        DevWorkspace ws = get(name);
        DevWorkspaceStatus status = new DevWorkspaceStatus();
        status.setPhase(phase);
        status.setPodName(pod);
        status.setSsh(new SshStatus("devws-sshd", HOST_KEY, null));
        status.getSsh().setSessionPath("host");
        status.setLastActivityTime("2026-11-26T10:00:00Z");
        if (phase == Phase.Running) {
            status.setConditions(List.of(new Condition("Ready", Condition.TRUE, "SshAnswers", "ssh ready", null)));
        }
        ws.setStatus(status);
        client.resources(DevWorkspace.class).inNamespace("team").resource(ws).update();
    }
}
