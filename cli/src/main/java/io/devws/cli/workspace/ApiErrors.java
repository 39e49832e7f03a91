package io.devws.cli.workspace;

import io.devws.cli.error.DevwsException;
import io.devws.cli.error.ExitCode;
import io.devws.cli.error.ForbiddenException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Fabric8 failures of a request ({@code VERB RESOURCE} in a namespace) as one line that says what to do:
 * the CRD missing, credentials (401), the RBAC verb (403), the server unreachable (its address and why).
 */
public final class ApiErrors {
    static final String INSTALL = "helm install devws-operator charts/devws-operator -n devws-system --create-namespace";

    private ApiErrors() {
    }

    /**
     * @param verb      the RBAC verb of the request, e.g. {@code list}
     * @param resource  the resource, e.g. {@code devworkspaces.devws.io} or {@code pods/log}
     * @param namespace where, or null for cluster-wide
     * @param server    the API server's address
     */
    public static DevwsException translate(KubernetesClientException e, String verb, String resource, String namespace, String server) {
        int code = e.getCode();
        String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : rootMessage(e);
        String where = namespace == null ? "" : " -n " + namespace;
        if (code == 404 && resource.endsWith(".devws.io")) {
            return notInstalled(e);
        }
        if (code == 401) {
            return new DevwsException("the API server " + server + " rejected your credentials (401 Unauthorized): log in again or"
                    + " refresh the token of your kubeconfig user (kubectl get --raw /version should work)", ExitCode.USER_ERROR, e);
        }
        if (code == 403) {
            return new ForbiddenException("not allowed to " + verb + " " + resource + (namespace == null ? "" : " in namespace " + namespace)
                    + ": your user needs the RBAC verb '" + verb + "' on " + resource + " (check: kubectl auth can-i " + verb + " "
                    + resource + where + ")", verb, e);
        }
        if (code <= 0) {
            return new DevwsException("cannot reach the Kubernetes API server at " + server + ": " + detail
                    + " (check --kubeconfig/--context and the network, or use --local)", ExitCode.USER_ERROR, e);
        }
        return new DevwsException("the API server answered " + code + " to " + verb + " " + resource + ": " + detail, ExitCode.USER_ERROR, e);
    }

    /** The DevWorkspace resource is unknown to the API server: the CRD (and so the operator) is not installed. */
    public static DevwsException notInstalled(Throwable cause) {
        return new DevwsException("devws is not installed in this cluster (it has no DevWorkspace resource): " + INSTALL,
                ExitCode.USER_ERROR, cause);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
