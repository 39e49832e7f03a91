package io.devws.cli.local;

import io.devws.cli.tunnel.Tunnel;
import io.devws.cli.tunnel.TunnelException;
import io.devws.transport.stream.ChannelStreams;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The --local transport: SSH bytes to the workspace's resident {@code devws-sidecar serve} daemon
 * (started on demand), over its Unix socket. That is exactly what {@code devws-sidecar ssh-server
 * --stdio} would relay; connecting here directly saves a second JVM per connection
 * (docs/benchmarks-cli.md).
 */
public final class LocalTunnel implements Tunnel {
    private final SocketChannel channel;
    private final InputStream input;
    private final OutputStream output;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private LocalTunnel(SocketChannel channel) {
        this.channel = channel;
        // the sidecar's channel streams: Channels.newInputStream/newOutputStream would share one
        // blocking lock on JDK 17, so a pending read would stall every write
        this.input = new FilterInputStream(ChannelStreams.in(channel)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    closed.complete(null);
                }
                return n;
            }

            @Override
            public void close() {
                LocalTunnel.this.close();
            }
        };
        this.output = new FilterOutputStream(ChannelStreams.out(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() {
                LocalTunnel.this.close();
            }
        };
    }

    /** What {@code ssh-server --stdio} would be run with for this workspace (kept for documentation and tests). */
    public static List<String> stdioArguments(Path sidecar, LocalLayout layout) {
        return List.of(sidecar.toString(), "ssh-server", "--stdio",
                "--socket", layout.socket().toString(), "--host-key", layout.hostKey().toString(),
                "--agent-dir", layout.agentDir().toString(), "--executor", "local", "--workdir", layout.workdir().toString());
    }

    public static LocalTunnel open(LocalLayout layout) {
        LocalDaemon daemon = new LocalDaemon(layout);
        if (!daemon.running()) {
            daemon.ensureRunning(SidecarLocator.require());
        }
        try {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(layout.socket()));
            return new LocalTunnel(ch);
        } catch (IOException e) {
            throw new TunnelException("cannot connect to the daemon of " + layout.name() + " at " + layout.socket() + ": " + e.getMessage()
                    + " (see " + layout.daemonLog() + ")", e);
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
        closed.complete(null);
    }
}
