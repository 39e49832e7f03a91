package io.devws.sidecar.bridge;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ssh-server --stdio} when a daemon runs: pipes stdin/stdout to its Unix socket and nothing
 * else. Ends when the daemon closes the connection (the SSH connection ended, or the daemon's
 * keepalive gave up on a silent peer) or stdout breaks; stdin EOF only half-closes, because an
 * exec stream may never deliver it (STACK.md trap 10). Loads no MINA, picocli or logging class.
 */
public final class Bridge {
    private static final int BUFFER = 64 * 1024;

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
        Thread up = new Thread(() -> pumpUp(stdin, daemon), "bridge-stdin");
        up.setDaemon(true);
        up.start();
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        while (true) {
            try {
                if (daemon.read(buf) < 0) {
                    return 0;
                }
            } catch (IOException e) {
                System.err.println("devws-sidecar: connection to the SSH daemon lost: " + e.getMessage());
                return 255;
            }
            buf.flip();
            try {
                while (buf.hasRemaining()) {
                    stdout.write(buf);
                }
            } catch (IOException e) {
                return 0; // our peer (ssh or the exec stream) is gone: nothing left to report to
            }
            buf.clear();
        }
    }

    private static void pumpUp(FileChannel stdin, SocketChannel daemon) {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        try {
            while (stdin.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    daemon.write(buf);
                }
                buf.clear();
            }
            daemon.shutdownOutput();
        } catch (IOException e) {
            // the daemon stopped reading (it closed this connection): do not close the socket here,
            // what it sent before closing (a banner, a disconnect message) is still to be relayed
        }
    }
}
