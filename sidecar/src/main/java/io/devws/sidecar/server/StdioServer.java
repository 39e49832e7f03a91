package io.devws.sidecar.server;

import io.devws.transport.stream.StreamIoSession;
import io.devws.transport.stream.StreamPair;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ssh-server --stdio} with no daemon: serves this one connection in-process over
 * stdin/stdout and returns when it ends (by SSH disconnect, stdin EOF, or keepalive).
 */
public final class StdioServer {
    private StdioServer() {
    }

    /** Exit code of a connection that broke the protocol or ended before authentication (as {@code sshd -i}). */
    public static final int PROTOCOL_ERROR = 255;

    /** @return 0, or {@link #PROTOCOL_ERROR} */
    public static int serve(SidecarServer server) throws IOException, InterruptedException {
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        // nothing but SSH bytes may reach fd 1 (docs/kubernetes-quirks.md): stray prints go to stderr
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        StreamIoSession session = server.accept(StreamPair.of(new FileInputStream(FileDescriptor.in), stdout));
        CountDownLatch ended = new CountDownLatch(1);
        session.addCloseFutureListener(f -> ended.countDown());
        ended.await();
        return ProtocolErrors.failed(session) ? PROTOCOL_ERROR : 0;
    }
}
