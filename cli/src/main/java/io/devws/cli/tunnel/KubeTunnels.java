package io.devws.cli.tunnel;

import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.KubeOptions;
import io.devws.cli.workspace.WorkspaceException;
import io.devws.cli.workspace.WorkspaceRef;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Opens the outer tunnel to a workspace on a cluster: connect, find its Ready pod (starting it
 * with {@code start}), exec the stdio server. The ProxyCommand and the built-in client share this.
 */
public final class KubeTunnels {
    private KubeTunnels() {
    }

    /** The tunnel; closing it also closes the cluster connection. */
    public static Tunnel open(KubeOptions options, WorkspaceRef ref, boolean start, Duration timeout, PrintStream progress) {
        return open(options, ref, ReadyPod.Wait.of(start, timeout), null, progress);
    }

    /** As above, waiting as {@code wait} says and pinning the host key as {@code pin} does (when not null). */
    public static Tunnel open(KubeOptions options, WorkspaceRef ref, ReadyPod.Wait wait, HostKeyPin pin, PrintStream progress) {
        KubeConnection connection = connect(options, ref);
        try {
            return new ClosingTunnel(open(connection, ref.name(), wait, pin, progress), connection);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The cluster connection for {@code ref}'s namespace; failing to connect is a tunnel failure (exit 255). */
    public static KubeConnection connect(KubeOptions options, WorkspaceRef ref) {
        try {
            return KubeConnection.open(options.inNamespace(ref.namespace()));
        } catch (WorkspaceException e) {
            throw new TunnelException(e.getMessage(), e);
        }
    }

    /** The tunnel over a connection the caller already holds (and closes). */
    public static Tunnel open(KubeConnection connection, String name, boolean start, Duration timeout, PrintStream progress) {
        return open(connection, name, ReadyPod.Wait.of(start, timeout), null, progress);
    }

    /**
     * The tunnel, and with a {@code pin} (the ProxyCommand) the status host key pinned before the tunnel is
     * returned, i.e. before ssh reads any byte of the server and checks its key.
     */
    public static Tunnel open(KubeConnection connection, String name, ReadyPod.Wait wait, HostKeyPin pin, PrintStream progress) {
        String pod = new ReadyPod(connection.client(), connection.workspaces(), progress).await(name, wait);
        // read beside the exec's opening, on the connection the pod look-up left open (started earlier, a fresh
        // JVM would pay a second TLS handshake at the same moment: measured, docs/benchmarks-cli.md)
        var statusKey = pin == null ? null : pin.readAsync(connection, name);
        Tunnel tunnel = KubeExecTunnel.open(connection.client(), connection.workspaces().namespace(), pod, progress);
        if (pin == null) {
            return tunnel;
        }
        try {
            java.util.Optional<String> key = statusKey.join();
            if (key.isEmpty()) {
                // read before a just-created or just-started workspace published its key: read it now that it is ready
                key = HostKeyPin.statusKey(connection, name);
            }
            pin.apply(name, connection.workspaces().namespace(), key);
            return tunnel;
        } catch (RuntimeException e) {
            tunnel.close();
            throw e;
        }
    }

    /** A tunnel that also closes its cluster connection. */
    private record ClosingTunnel(Tunnel tunnel, AutoCloseable resource) implements Tunnel {
        @Override
        public java.io.InputStream input() {
            return tunnel.input();
        }

        @Override
        public OutputStream output() {
            return tunnel.output();
        }

        @Override
        public java.util.concurrent.CompletableFuture<Void> closed() {
            return tunnel.closed();
        }

        @Override
        public String describe() {
            return tunnel.describe();
        }

        @Override
        public void close() {
            tunnel.close();
            try {
                resource.close();
            } catch (Exception e) {
                // closing a client does not fail in a way the user can act on
            }
        }
    }
}
