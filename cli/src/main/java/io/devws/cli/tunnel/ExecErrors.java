package io.devws.cli.tunnel;

import io.devws.model.SidecarContract;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;

/** Exec failures as the one line a ProxyCommand user sees (then exit 255). */
final class ExecErrors {
    private static final String COMMAND = String.join(" ", SidecarContract.STDIO_COMMAND);

    private ExecErrors() {
    }

    static TunnelException opening(KubernetesClientException e, String namespace, String pod) {
        int code = codeOf(e);
        if (code == 403) {
            return new TunnelException("not allowed to exec into pod " + pod + " in namespace " + namespace
                    + ": your user needs RBAC verbs 'create' and 'get' on resource 'pods/exec' there"
                    + " (check: kubectl auth can-i create pods/exec -n " + namespace + ")", e);
        }
        if (code == 401) {
            return new TunnelException("the API server rejected your credentials: refresh them (kubectl get pods -n "
                    + namespace + " should work)", e);
        }
        if (code == 404) {
            return new TunnelException("pod " + pod + " in namespace " + namespace
                    + " is gone: retry (the operator recreates it), or see `devws status`", e);
        }
        if (code == 400) {
            return new TunnelException("pod " + pod + " has no container " + SidecarContract.SIDECAR_CONTAINER
                    + ": it was not created by the devws operator, or the operator is too old", e);
        }
        return new TunnelException("cannot open an exec into pod " + pod + " in namespace " + namespace + ": "
                + rootMessage(e) + " (check --kubeconfig/--context and the network)", e);
    }

    static TunnelException broken(Throwable t, String where) {
        return new TunnelException("lost the exec connection to " + where + " (" + rootMessage(t)
                + "): check the network or the API server, then reconnect", t);
    }

    static TunnelException exited(int code, Status status, String where) {
        String message = status != null && status.getMessage() != null ? status.getMessage() : "exit code " + code;
        if (code == 127 || code == -1 && message.contains("not found")) {
            return new TunnelException("'" + COMMAND + "' did not start in container " + SidecarContract.SIDECAR_CONTAINER
                    + " of " + where + " (" + message + "): the sidecar image must have devws-sidecar on its PATH");
        }
        return new TunnelException("the workspace's SSH server ended with " + (code < 0 ? "an error" : "exit code " + code)
                + " (" + message + "): see `kubectl logs` of container " + SidecarContract.SIDECAR_CONTAINER + " in " + where);
    }

    private static int codeOf(KubernetesClientException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() > 0) {
                return k.getCode();
            }
            if (t instanceof WebSocketHandshakeException w && w.getResponse() != null && w.getResponse().code() > 0) {
                return w.getResponse().code();
            }
        }
        return 0;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
