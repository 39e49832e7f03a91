package io.devws.cli.tunnel;

import io.devws.model.SidecarContract;
import io.devws.transport.exec.ExecClient;
import io.devws.transport.exec.ExecExit;
import io.devws.transport.exec.ExecSpec;
import io.devws.transport.exec.ExecStream;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The outer tunnel: an exec of exactly {@link SidecarContract#STDIO_COMMAND} in the sidecar
 * container, over the protocol {@link ExecClient} negotiates. The sidecar's own {@code DEVWS_*}
 * environment supplies its settings, so the CLI knows no path inside the pod. {@link #closed()}
 * completes when the exec ends: normally with the stdio server's exit, or with a
 * {@link TunnelException} naming the cause.
 */
public final class KubeExecTunnel implements Tunnel {
    private final String where;
    private final ExecClient client;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile ExecStream stream;

    private KubeExecTunnel(String where, ExecClient client) {
        this.where = where;
        this.client = client;
    }

    /** Opens the exec; remote stderr (the stdio server's diagnostics) goes to {@code stderr}. */
    public static KubeExecTunnel open(KubernetesClient kube, String namespace, String pod, OutputStream stderr) {
        ExecClient client;
        try {
            client = ExecClient.create(kube);
        } catch (IllegalArgumentException e) {
            throw new TunnelException(e.getMessage(), e);
        }
        KubeExecTunnel tunnel = new KubeExecTunnel("pod " + pod + " in namespace " + namespace, client);
        try {
            // the pod was just found Ready: no second wait for it
            tunnel.stream = client.open(new ExecSpec(namespace, pod, SidecarContract.SIDECAR_CONTAINER,
                    List.of(SidecarContract.STDIO_COMMAND), true, true, false), stderr);
        } catch (KubernetesClientException e) {
            client.close();
            throw ExecErrors.opening(e, namespace, pod);
        }
        tunnel.stream.exit().whenComplete(tunnel::ended);
        return tunnel;
    }

    private void ended(ExecExit exit, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            closed.completeExceptionally(ExecErrors.broken(cause, where));
        } else if (exit.code() == 0) {
            closed.complete(null);
        } else {
            closed.completeExceptionally(ExecErrors.exited(exit.code(), exit.status(), where));
        }
    }

    @Override
    public InputStream input() {
        return stream.stdout();
    }

    @Override
    public OutputStream output() {
        return stream.stdin();
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    /** The negotiated exec protocol and TLS engine. */
    @Override
    public String describe() {
        return client.describe(stream);
    }

    @Override
    public void close() {
        closed.complete(null);
        ExecStream s = stream;
        if (s != null) {
            s.close();
        }
        client.close();
    }
}
