package io.devws.cli.workspace;

import io.devws.model.Condition;
import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.SshStatus;
import io.devws.transport.keys.HostKeys;
import java.util.List;

/**
 * What {@code list} and {@code status} show, the same for cluster and --local workspaces
 * (also the {@code -o json|yaml} document).
 */
public record WorkspaceInfo(String name, String namespace, String backend, String phase, String image, String pod,
                            String created, List<Condition> conditions, String hostPublicKey,
                            String hostKeyFingerprint, String lastActivityTime, String sessionPath, String message) {
    public static final String CLUSTER = "cluster";
    public static final String LOCAL = "local";

    public static WorkspaceInfo of(DevWorkspace ws) {
        DevWorkspaceStatus status = ws.getStatus() == null ? new DevWorkspaceStatus() : ws.getStatus();
        SshStatus ssh = status.getSsh() == null ? new SshStatus() : status.getSsh();
        String image = ws.getSpec() == null || ws.getSpec().getContainer() == null ? null : ws.getSpec().getContainer().getImage();
        String phase = status.getPhase() != null ? status.getPhase().name()
                : ws.getSpec() != null && !ws.getSpec().started() ? "Stopped" : "Pending";
        return new WorkspaceInfo(ws.getMetadata().getName(), ws.getMetadata().getNamespace(), CLUSTER, phase, image,
                status.getPodName(), ws.getMetadata().getCreationTimestamp(),
                status.getConditions() == null ? List.of() : List.copyOf(status.getConditions()),
                ssh.getHostPublicKey(), fingerprint(ssh), status.getLastActivityTime(), sessionPath(ssh), status.getMessage());
    }

    /** {@code host}, or {@code exec (REASON)} for the fallback; null until the sidecar reported it. */
    public static String sessionPath(SshStatus ssh) {
        if (ssh.getSessionPath() == null) {
            return null;
        }
        String reason = ssh.getSessionPathReason();
        return reason == null || reason.isBlank() ? ssh.getSessionPath() : ssh.getSessionPath() + " (" + reason + ")";
    }

    private static String fingerprint(SshStatus ssh) {
        if (ssh.getHostKeyFingerprint() != null || ssh.getHostPublicKey() == null) {
            return ssh.getHostKeyFingerprint();
        }
        try {
            return HostKeys.fingerprint(ssh.getHostPublicKey());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
