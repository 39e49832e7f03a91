package io.devws.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.Condition;
import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.Phase;
import io.devws.model.SshStatus;
import io.devws.testing.Kubeconfigs;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster-side doctor steps against the Fabric8 mock API server: workspace state and RBAC for pods/exec. */
@EnableKubernetesMockClient(crud = true)
class DoctorClusterIT {
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
    void setUp() throws Exception {
        kubeconfig = Kubeconfigs.write(home.resolve("kubeconfig"), client.getConfiguration().getMasterUrl(), "team").toString();
        client.resources(DevWorkspace.class).inNamespace("team").delete();
    }

    void workspace(Phase phase, boolean ready) {
        DevWorkspace ws = new io.devws.cli.workspace.UpRequest("ws", "team", "img:1", null, null, false, null).toResource();
        ws = client.resources(DevWorkspace.class).inNamespace("team").resource(ws).create();
        DevWorkspaceStatus status = new DevWorkspaceStatus();
        status.setPhase(phase);
        status.setPodName("ws");
        status.setMessage(phase == Phase.Stopped ? "stopped by request" : null);
        status.setSsh(new SshStatus("devws-sshd", LifecycleCommandsIT.HOST_KEY, null));
        status.getSsh().setSessionPath("exec");
        status.getSsh().setSessionPathReason("the session host cannot run in the dev container: no glibc");
        if (ready) {
            status.setConditions(List.of(new Condition("Ready", Condition.TRUE, "SshAnswers", null, null)));
        }
        ws.setStatus(status);
        client.resources(DevWorkspace.class).inNamespace("team").resource(ws).update();
    }

    @Test
    void aStoppedWorkspaceFailsTheFirstStepAndSkipsTheRest() {
        workspace(Phase.Stopped, false);
        CliRun run = CliRun.run(home, "doctor", "ws", "--kubeconfig", kubeconfig);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("✘ workspace ws is running: phase Stopped: stopped by request\n    hint: start it: devws up ws\n")
                .contains("- exec into the sidecar allowed: skipped (the workspace is not running)",
                        "- the sidecar answers SSH: skipped", "- the workspace lists the same keys through the tunnel: skipped");
    }

    @Test
    void execThatRbacDeniesFailsWithTheRoleToAskFor() {
        workspace(Phase.Running, true);
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .andReturn(201, new SelfSubjectAccessReviewBuilder().withNewStatus().withAllowed(false).withReason("no RBAC policy matched").endStatus().build())
                .once();
        CliRun run = CliRun.run(home, "doctor", "ws", "--kubeconfig", kubeconfig);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("✔ workspace ws is running: phase Running, Ready, pod ws\n")
                .contains("✔ sessions reach the dev container: through one exec per session, the fallback (slower start, two exec hops): "
                                + "the session host cannot run in the dev container: no glibc","✘ exec into the sidecar allowed: you may not create pods/exec on ws (no RBAC policy matched)",
                        "hint: ask for a Role with verbs [create] on pods/exec in team",
                        "- the sidecar answers SSH: skipped (no exec into the workspace)");
    }

    @Test
    void anUnknownWorkspaceIsOneFailedStep() {
        CliRun run = CliRun.run(home, "doctor", "nope", "--kubeconfig", kubeconfig);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("✘ workspace nope is running: workspace nope not found in namespace team");
    }
}
