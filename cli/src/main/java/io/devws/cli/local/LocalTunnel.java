package io.devws.cli.local;

import io.devws.cli.tunnel.Tunnel;
import io.devws.cli.tunnel.TunnelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
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
        // not Channels.newInputStream/newOutputStream: on JDK 17 both hold the channel's blocking
        // lock, so a blocked read stalls every write (a deadlock for a two-way pump)
        this.input = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = channel.read(ByteBuffer.wrap(b, off, len));
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
        this.output = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
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
