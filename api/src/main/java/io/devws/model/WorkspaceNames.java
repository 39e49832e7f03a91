package io.devws.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every name and label derived from a workspace, in one place (operator, CLI and tests use it).
 * The workspace name must be an RFC 1123 label of at most 63 characters: it is the pod name, a
 * label value and a host name, and the CLI's ssh host syntax NAME.NAMESPACE.devws forbids dots.
 */
public final class WorkspaceNames {
    public static final int MAX_NAME_LENGTH = 63;
    public static final String APP_NAME = "devws-workspace";
    public static final String PART_OF = "devws";
    public static final String MANAGED_BY = "devws-operator";
    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    private final String workspace;

    private WorkspaceNames(String workspace) {
        this.workspace = workspace;
    }

    public static WorkspaceNames of(String workspaceName) {
        return new WorkspaceNames(workspaceName);
    }

    public static WorkspaceNames of(DevWorkspace ws) {
        return of(ws.getMetadata().getName());
    }

    /** Why this workspace name cannot be used, or empty when it can. */
    public Optional<String> problem() {
        if (workspace.length() > MAX_NAME_LENGTH) {
            return Optional.of("name '" + workspace + "' is " + workspace.length() + " characters long; devws needs at most "
                    + MAX_NAME_LENGTH + " (it becomes the pod name and a label value): recreate it with a shorter name");
        }
        if (!workspace.matches(DNS_LABEL)) {
            return Optional.of("name '" + workspace + "' must be lower-case letters, digits and '-' (no dots: it is part of"
                    + " the ssh host NAME.NAMESPACE.devws): recreate it with such a name");
        }
        return Optional.empty();
    }

    public String workspace() {
        return workspace;
    }

    public String pod() {
        return workspace;
    }

    public String pvc() {
        return workspace + "-workspace";
    }

    public String hostKeySecret() {
        return workspace + "-ssh-hostkey";
    }

    /** ServiceAccount, Role and RoleBinding of the sidecar's kube executor share this name. */
    public String serviceAccount() {
        return workspace + "-devws-sshd";
    }

    public String role() {
        return serviceAccount();
    }

    public String roleBinding() {
        return serviceAccount();
    }

    /**
     * The coordination.k8s.io Lease the sidecar renews while SSH is active and annotates with its
     * session path; the only object its token may write.
     */
    public String activityLease() {
        return workspace + "-devws-activity";
    }

    /** Labels on every object devws creates for this workspace. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", APP_NAME);
        labels.put("app.kubernetes.io/instance", workspace);
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
        labels.put("app.kubernetes.io/part-of", PART_OF);
        labels.put(SidecarContract.LABEL_WORKSPACE, workspace);
        return labels;
    }

    /** Label selector (one label) that finds this workspace's objects. */
    public Map<String, String> selector() {
        return Map.of(SidecarContract.LABEL_WORKSPACE, workspace);
    }
}
