package io.devws.sidecar.bridge;

import io.devws.transport.io.Pump;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ssh-server --stdio} when a daemon runs: pipes stdin/stdout to its Unix socket and nothing
 * else. Ends when the daemon closes the connection (the SSH connection ended, or the daemon's
 * keepalive gave up on a silent peer) or stdout breaks; stdin EOF only half-closes, because an
 * exec stream may never deliver it (docs/kubernetes-quirks.md). Loads no MINA, picocli or logging class.
 */
public final class Bridge {
    private Bridge() {
    }

    /** Connects to the daemon, or returns {@code null} when none listens on {@code socket}. */
    public static SocketChannel connect(Path socket) {
        if (!Files.exists(socket)) {
            return null;
        }
        try {
            return SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return null;
        }
    }

    /** Runs until the connection ends; returns the process exit code. */
    public static int run(SocketChannel daemon) {
        FileChannel stdin = new FileInputStream(FileDescriptor.in).getChannel();
        FileChannel stdout = new FileOutputStream(FileDescriptor.out).getChannel();
        Pump.start("bridge-stdin", () -> pumpUp(stdin, daemon));
        try {
            Pump.copy(daemon, stdout);
            return 0;
        } catch (Pump.SinkException e) {
            return 0; // our peer (ssh or the exec stream) is gone: nothing left to report to
        } catch (IOException e) {
            System.err.println("devws-sidecar: connection to the SSH daemon lost: " + e.getMessage());
            return 255;
        }
    }

    private static void pumpUp(FileChannel stdin, SocketChannel daemon) {
        try {
            Pump.copy(stdin, daemon);
            daemon.shutdownOutput();
        } catch (IOException e) {
            // the daemon stopped reading (it closed this connection): do not close the socket here,
            // what it sent before closing (a banner, a disconnect message) is still to be relayed
        }
    }
}
