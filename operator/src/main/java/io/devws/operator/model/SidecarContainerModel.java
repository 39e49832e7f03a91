package io.devws.operator.model;

import static io.devws.model.SidecarContract.*;

import io.devws.model.DevWorkspace;
import io.devws.model.WorkspaceNames;
import io.devws.model.SshSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.List;

/** The devws-sshd container: the resident MINA daemon, configured only through DEVWS_* variables. */
public final class SidecarContainerModel {
    public static final List<String> COMMAND = List.of("devws-sidecar", "serve");
    /** Ready once the daemon's socket exists: then `ssh-server --stdio` bridges to it. */
    public static final List<String> READINESS = List.of("sh", "-c", "test -S \"$" + ENV_SOCKET + "\"");

    private SidecarContainerModel() {
    }

    public static Container desired(DevWorkspace ws, ModelSettings settings) {
        return new ContainerBuilder()
                .withName(SIDECAR_CONTAINER)
                .withImage(settings.sidecarImage())
                .withImagePullPolicy(settings.sidecarImagePullPolicy())
                .withCommand(COMMAND)
                .withEnv(env(ws))
                .withResources(settings.sidecarResources())
                .withVolumeMounts(PodVolumes.sidecarMounts(ws))
                .withNewReadinessProbe()
                .withNewExec().withCommand(READINESS).endExec()
                .withInitialDelaySeconds(1).withPeriodSeconds(2).withTimeoutSeconds(2).withFailureThreshold(3)
                .endReadinessProbe()
                .withSecurityContext(securityContext(settings))
                .build();
    }

    static List<EnvVar> env(DevWorkspace ws) {
        SshSpec ssh = ws.getSpec().getSsh() != null ? ws.getSpec().getSsh() : new SshSpec();
        return List.of(
                new EnvVar(ENV_EXECUTOR, "kube", null),
                new EnvVar(ENV_SOCKET, SOCKET_PATH, null),
                new EnvVar(ENV_HOST_KEY, HOST_KEY_PATH, null),
                new EnvVar(ENV_AGENT_DIR, AGENT_DIR, null),
                new EnvVar(ENV_WORKDIR, StorageModel.storage(ws).getMountPath(), null),
                new EnvVar(ENV_KEEPALIVE, ssh.getKeepaliveInterval() == null ? SshSpec.DEFAULT_KEEPALIVE : ssh.getKeepaliveInterval(), null),
                new EnvVar(ENV_AGENT_FORWARDING, String.valueOf(!Boolean.FALSE.equals(ssh.getAgentForwarding())), null),
                new EnvVar(ENV_TCP_FORWARDING, String.valueOf(!Boolean.FALSE.equals(ssh.getTcpForwarding())), null),
                // always on: cheap (one patch a minute at most) and lets idleTimeout be added without a restart
                new EnvVar(ENV_REPORT_ACTIVITY, "true", null),
                fieldRef(ENV_POD_NAME, "metadata.name"),
                fieldRef(ENV_POD_NAMESPACE, "metadata.namespace"),
                new EnvVar(ENV_DEV_CONTAINER, DEV_CONTAINER, null),
                new EnvVar(ENV_ACTIVITY_LEASE, WorkspaceNames.of(ws).activityLease(), null),
                new EnvVar(ENV_HOST_SOCKET, HOST_SOCKET, null),
                new EnvVar("HOME", "/tmp", null));
    }

    private static EnvVar fieldRef(String name, String path) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withFieldPath(path).endFieldRef().endValueFrom().build();
    }

    /** The sidecar image's containers (the sidecar and the host-runtime init container): non-root, nothing to gain. */
    static SecurityContext securityContext(ModelSettings settings) {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(settings.sidecarUser())
                .withRunAsGroup(settings.fsGroup())
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .build();
    }
}
