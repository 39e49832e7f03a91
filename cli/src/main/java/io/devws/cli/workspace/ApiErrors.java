package io.devws.cli.workspace;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Fabric8 failures as one line that says what to do. */
public final class ApiErrors {
    private ApiErrors() {
    }

    public static WorkspaceException translate(KubernetesClientException e) {
        int code = e.getCode();
        String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : rootMessage(e);
        if (code == 404 && detail != null && detail.contains("devworkspaces")) {
            return new WorkspaceException("the cluster does not know DevWorkspaces: install the devws operator (helm install devws charts/devws-operator)", e);
        }
        if (code == 401 || code == 403) {
            return new WorkspaceException("the API server refused: " + detail + " (check your kubeconfig user and RBAC: kubectl auth can-i --list)", e);
        }
        if (code <= 0) {
            return new WorkspaceException("cannot reach the Kubernetes API server (" + detail + "): check --kubeconfig/--context, or use --local", e);
        }
        return new WorkspaceException("the API server answered " + code + ": " + detail, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
