package io.devws.cli.local;

import io.devws.cli.tunnel.Tunnel;
import io.devws.cli.tunnel.TunnelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The --local transport: {@code devws-sidecar ssh-server --stdio --executor local} as a child
 * process, bridging to the workspace's daemon (started on demand), instead of a Kubernetes exec.
 */
public final class LocalTunnel implements Tunnel {
    private final Process process;
    private final CompletableFuture<Void> closed;

    private LocalTunnel(Process process) {
        this.process = process;
        this.closed = process.onExit().thenAccept(p -> { });
    }

    public static List<String> stdioArguments(Path sidecar, LocalLayout layout) {
        return List.of(sidecar.toString(), "ssh-server", "--stdio",
                "--socket", layout.socket().toString(), "--host-key", layout.hostKey().toString(),
                "--agent-dir", layout.agentDir().toString(), "--executor", "local", "--workdir", layout.workdir().toString());
    }

    public static LocalTunnel open(LocalLayout layout) {
        Path sidecar = SidecarLocator.require();
        new LocalDaemon(layout).ensureRunning(sidecar);
        try {
            Process process = new ProcessBuilder(stdioArguments(sidecar, layout))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new LocalTunnel(process);
        } catch (IOException e) {
            throw new TunnelException("cannot start " + sidecar + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream input() {
        return process.getInputStream();
    }

    @Override
    public OutputStream output() {
        return process.getOutputStream();
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
