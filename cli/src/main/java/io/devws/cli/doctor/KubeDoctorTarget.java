package io.devws.cli.doctor;

import io.devws.cli.sshconfig.HostSuffix;
import io.devws.cli.tunnel.KubeTunnels;
import io.devws.cli.tunnel.Tunnel;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.error.DevwsException;
import io.devws.cli.workspace.WorkspaceRef;
import io.devws.model.DevWorkspace;
import io.devws.model.Phase;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/** Doctor steps for a cluster workspace: its status, and RBAC for pods/exec on its pod. */
public final class KubeDoctorTarget implements DoctorTarget {
    private final KubeConnection connection;
    private final WorkspaceRef ref;
    private DevWorkspace workspace;

    public KubeDoctorTarget(KubeConnection connection, WorkspaceRef ref) {
        this.connection = connection;
        this.ref = ref;
    }

    @Override
    public String hostName() {
        return HostSuffix.DEFAULT.clusterHost(ref.name(), connection.namespace());
    }

    @Override
    public String sshHost(HostSuffix suffix) {
        return suffix.clusterHost(ref.name(), connection.namespace());
    }

    @Override
    public Check workspaceRunning() {
        String title = "workspace " + ref.name() + " is running";
        try {
            workspace = connection.workspaces().require(ref.name());
        } catch (DevwsException e) {
            return Check.fail(title, e.getMessage(), "devws list -n " + connection.namespace());
        }
        var status = workspace.getStatus();
        Phase phase = status == null ? null : status.getPhase();
        if (phase == Phase.Running && status.isReady()) {
            return Check.pass(title, "phase Running, Ready, pod " + status.getPodName());
        }
        String detail = "phase " + (phase == null ? "unknown" : phase) + (status != null && status.getMessage() != null ? ": " + status.getMessage() : "");
        String hint = phase == Phase.Stopped || phase == Phase.Stopping ? "start it: devws up " + ref.name()
                : "see devws status " + ref.name() + " and kubectl describe pod " + ref.name();
        return Check.fail(title, detail, hint);
    }

    @Override
    public Check execAllowed() {
        String title = "exec into the sidecar allowed";
        String pod = workspace.getStatus().getPodName();
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                .withNamespace(connection.namespace()).withVerb("create").withResource("pods").withSubresource("exec").withName(pod)
                .endResourceAttributes().endSpec().build();
        try {
            SelfSubjectAccessReview answer = connection.client().authorization().v1().selfSubjectAccessReview().create(review);
            if (answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed())) {
                return Check.pass(title, "create pods/exec on " + pod + " in " + connection.namespace());
            }
            String reason = answer.getStatus() == null ? null : answer.getStatus().getReason();
            return Check.fail(title, "you may not create pods/exec on " + pod + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"),
                    "ask for a Role with verbs [create] on pods/exec in " + connection.namespace() + "; check with kubectl auth can-i create pods/exec -n " + connection.namespace());
        } catch (KubernetesClientException e) {
            return Check.fail(title, "the access review failed: " + e.getMessage(), "kubectl auth can-i create pods/exec -n " + connection.namespace());
        }
    }

    @Override
    public Tunnel openTunnel() {
        return KubeTunnels.open(connection, ref.name(), false, Duration.ofSeconds(20),
                new PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    @Override
    public Optional<Check> sessionPath() {
        return Optional.of(SessionPathCheck.of(workspace.getStatus().getSsh()));
    }

    @Override
    public Optional<String> statusHostKey() {
        return Optional.ofNullable(workspace).map(DevWorkspace::getStatus).map(s -> s.getSsh()).map(s -> s.getHostPublicKey());
    }
}
