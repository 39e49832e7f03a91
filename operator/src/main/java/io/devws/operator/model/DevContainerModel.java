package io.devws.operator.model;

import io.devws.model.ContainerSpec;
import io.devws.model.DevWorkspace;
import io.devws.model.SidecarContract;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.ArrayList;
import java.util.List;

/** The user's container: their image, kept alive by default, with the stable agent socket. */
public final class DevContainerModel {
    /** Stays alive, and exits at once on SIGTERM (a plain `sleep infinity` as PID 1 ignores it). */
    public static final List<String> DEFAULT_COMMAND =
            List.of("/bin/sh", "-c", "trap 'exit 0' TERM INT; while :; do sleep 1 & wait $!; done");
    static final String SSH_AUTH_SOCK = "SSH_AUTH_SOCK";

    private DevContainerModel() {
    }

    public static Container desired(DevWorkspace ws, ModelSettings settings) {
        ContainerSpec c = ws.getSpec().getContainer();
        boolean defaultCommand = isEmpty(c.getCommand()) && isEmpty(c.getArgs());
        return new ContainerBuilder()
                .withName(SidecarContract.DEV_CONTAINER)
                .withImage(c.getImage())
                .withImagePullPolicy(c.getImagePullPolicy() == null ? null : c.getImagePullPolicy().name())
                .withCommand(defaultCommand ? DEFAULT_COMMAND : c.getCommand())
                .withArgs(defaultCommand ? null : c.getArgs())
                .withWorkingDir(c.getWorkingDir() != null ? c.getWorkingDir() : StorageModel.storage(ws).getMountPath())
                .withEnv(env(c))
                .withResources(c.getResources() != null ? c.getResources() : settings.devDefaultResources())
                .withVolumeMounts(PodVolumes.devMounts(ws))
                .withSecurityContext(securityContext(c))
                .build();
    }

    /** The user's variables, then SSH_AUTH_SOCK, which devws owns (one entry per name). */
    static List<EnvVar> env(ContainerSpec c) {
        List<EnvVar> env = new ArrayList<>();
        if (c.getEnv() != null) {
            c.getEnv().stream().filter(e -> !SSH_AUTH_SOCK.equals(e.getName())).forEach(env::add);
        }
        env.add(new EnvVar(SSH_AUTH_SOCK, SidecarContract.AGENT_SOCKET, null));
        return env;
    }

    /**
     * Non-root by default (docs/security.md): without {@code runAsUser} the image's own user must be a numeric
     * non-root uid (the kubelet checks it: {@code runAsNonRoot}), with no privilege escalation and no
     * capabilities, as Pod Security "restricted" asks. {@code runAsUser: 0} is the explicit way to run as root,
     * with the image's settings (often root with sudo); only the pod-level seccomp profile applies then.
     */
    static SecurityContext securityContext(ContainerSpec c) {
        SecurityContextBuilder b = new SecurityContextBuilder()
                .withRunAsUser(c.getRunAsUser())
                .withRunAsGroup(c.getRunAsGroup());
        if (!runsAsRoot(c)) {
            b.withRunAsNonRoot(true).withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL").endCapabilities();
        }
        return b.build();
    }

    /** Only when the author asked for it. */
    static boolean runsAsRoot(ContainerSpec c) {
        return c.getRunAsUser() != null && c.getRunAsUser() == 0;
    }

    private static boolean isEmpty(List<String> list) {
        return list == null || list.isEmpty();
    }
}
