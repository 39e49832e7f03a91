package io.devws.cli.tunnel;

import io.devws.model.SidecarContract;
import io.devws.transport.exec.ExecSpec;
import io.devws.transport.exec.PodExec;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * The outer tunnel: a Fabric8 exec of exactly {@link SidecarContract#STDIO_COMMAND} in the
 * sidecar container. The sidecar's own {@code DEVWS_*} environment supplies its settings, so the
 * CLI knows no path inside the pod. {@link #closed()} completes when the exec ends: normally
 * with the stdio server's exit, or with a {@link TunnelException} naming the cause.
 */
public final class KubeExecTunnel implements Tunnel {
    private final String where;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile ExecWatch watch;

    private KubeExecTunnel(String where) {
        this.where = where;
    }

    /** Opens the exec; remote stderr (the stdio server's diagnostics) goes to {@code stderr}. */
    public static KubeExecTunnel open(KubernetesClient client, String namespace, String pod, OutputStream stderr) {
        KubeExecTunnel tunnel = new KubeExecTunnel("pod " + pod + " in namespace " + namespace);
        try {
            // the pod was just found Ready: no second wait for it (PodExec's reason to exist)
            tunnel.watch = PodExec.open(client, new ExecSpec(namespace, pod, SidecarContract.SIDECAR_CONTAINER,
                    java.util.List.of(SidecarContract.STDIO_COMMAND), true, true, false), stderr, tunnel.listener());
        } catch (KubernetesClientException e) {
            throw ExecErrors.opening(e, namespace, pod);
        }
        return tunnel;
    }

    private ExecListener listener() {
        return new ExecListener() {
            @Override
            public void onFailure(Throwable t, Response response) {
                closed.completeExceptionally(ExecErrors.broken(t, where));
            }

            @Override
            public void onClose(int code, String reason) {
                // after onExit this changes nothing; before it, the stream broke without an exit status
                closed.completeExceptionally(ExecErrors.broken(new IOException(
                        "the exec stream closed (" + code + (reason == null || reason.isBlank() ? "" : " " + reason)
                        + ") before the SSH server ended"), where));
            }

            @Override
            public void onExit(int code, Status status) {
                if (code == 0) {
                    closed.complete(null);
                } else {
                    closed.completeExceptionally(ExecErrors.exited(code, status, where));
                }
            }
        };
    }

    @Override
    public InputStream input() {
        return watch.getOutput();
    }

    @Override
    public OutputStream output() {
        return watch.getInput();
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void close() {
        closed.complete(null);
        ExecWatch w = watch;
        if (w != null) {
            w.close();
        }
    }
}
