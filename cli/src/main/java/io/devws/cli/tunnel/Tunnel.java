package io.devws.cli.tunnel;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A byte stream to the workspace's SSH server: a Kubernetes exec of {@code devws-sidecar
 * ssh-server --stdio} (cluster), or the same command as a local process ({@code --local}).
 * The OpenSSH ProxyCommand pumps stdin/stdout through it; the built-in client speaks SSH over it.
 */
public interface Tunnel extends AutoCloseable {
    /** Bytes from the SSH server. */
    InputStream input();

    /** Bytes to the SSH server. */
    OutputStream output();

    /** Completes when the tunnel ended: normally, or exceptionally with a {@link TunnelException}. */
    CompletableFuture<Void> closed();

    /** How the bytes travel, for {@code --verbose} and {@code doctor} (e.g. the negotiated exec protocol). */
    default String describe() {
        return "";
    }

    /** Ends the tunnel and everything behind it (remote process included); idempotent. */
    @Override
    void close();
}
