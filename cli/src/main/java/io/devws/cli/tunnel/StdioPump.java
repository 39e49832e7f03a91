package io.devws.cli.tunnel;

import io.devws.transport.io.Pump;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pumps a process's stdin into a tunnel and the tunnel into its stdout, each on a dedicated
 * thread with a large buffer, flushing every chunk (no Piped*Stream). Either side ending ends
 * both: EOF on stdin means the SSH client is gone, so the tunnel is closed (v4 exec has no stdin
 * half-close to forward, docs/kubernetes-quirks.md); the tunnel ending ends the pump.
 */
public final class StdioPump {
    private static final int END_GRACE_SECONDS = 5;

    private StdioPump() {
    }

    /** Runs until either side ends; throws the tunnel's {@link TunnelException} if it broke. */
    public static void run(Tunnel tunnel, InputStream stdin, OutputStream stdout) {
        CompletableFuture<Void> upstream = new CompletableFuture<>();
        CompletableFuture<Void> downstream = new CompletableFuture<>();
        Pump.start("devws-stdin", () -> copy(stdin, tunnel.output(), upstream));
        Pump.start("devws-stdout", () -> copy(tunnel.input(), stdout, downstream));
        try {
            CompletableFuture.anyOf(upstream, downstream, tunnel.closed()).get();
            if (downstream.isDone() || tunnel.closed().isDone()) {
                // the server side ended first: its last bytes are out, report how it ended
                tunnel.closed().get(END_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (TimeoutException e) {
            throw new TunnelException("the exec stream ended without an exit status: the connection to the API server"
                    + " was probably cut; reconnect");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TunnelException t) {
                throw t;
            }
            throw new TunnelException("tunnel failed: " + ExecErrors.rootMessage(e), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tunnel.close();
        }
    }

    private static void copy(InputStream in, OutputStream out, CompletableFuture<Void> done) {
        try {
            Pump.copy(in, out);
        } catch (IOException e) {
            // a broken side: the tunnel's own future says why
        } finally {
            done.complete(null);
        }
    }
}
