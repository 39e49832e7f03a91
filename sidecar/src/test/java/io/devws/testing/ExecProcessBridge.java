package io.devws.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's side of one exec, whatever protocol carries it: starts the local process, pumps
 * its stdout/stderr to the {@link Peer} on their own threads, feeds its stdin from a queue on its
 * own thread (so a slow reader never stalls a server's event loop), ends its stdin on EOF, and
 * reports the Status JSON once it exited and its output was drained.
 */
final class ExecProcessBridge {
    /** The protocol side: where output and the final Status go. */
    interface Peer {
        /** Output of channel {@link ExecFrames#STDOUT} or {@link ExecFrames#STDERR}; may block for back-pressure. */
        void output(int channel, byte[] data, int length);

        /** The Status JSON (exit code or failure to start); the last call. */
        void exited(String statusJson);
    }

    private static final int BUFFER = 64 * 1024;
    private static final byte[] EOF = new byte[0];

    private final ExecRequest request;
    private final ExecTestServer server;
    private final Peer peer;
    private final LinkedBlockingQueue<byte[]> stdinQueue = new LinkedBlockingQueue<>();
    private volatile LocalProcess process;
    private volatile Thread stdinWriter;

    ExecProcessBridge(ExecRequest request, ExecTestServer server, Peer peer) {
        this.request = request;
        this.server = server;
        this.peer = peer;
    }

    /** Starts the process; false (after reporting the failure to the peer) when it could not start. */
    boolean start() {
        try {
            process = server.startProcess(request);
        } catch (IOException e) {
            peer.exited(ExecFrames.internalError("failed to exec in container: " + e.getMessage()));
            return false;
        }
        CountDownLatch drained = new CountDownLatch(process.stderr() == null ? 1 : 2);
        pump(process.stdout(), ExecFrames.STDOUT, drained);
        if (process.stderr() != null) {
            pump(process.stderr(), ExecFrames.STDERR, drained);
        }
        daemon("exec-wait-" + process.pid(), () -> finish(drained));
        return true;
    }

    private void pump(InputStream in, int channel, CountDownLatch drained) {
        daemon("exec-out" + channel + "-" + process.pid(), () -> {
            byte[] buf = new byte[BUFFER];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (n > 0) {
                        peer.output(channel, buf, n);
                    }
                }
            } catch (IOException e) {
                // a PTY read fails with EIO once the process is gone: that is its end of output
            } finally {
                drained.countDown();
            }
        });
    }

    private void finish(CountDownLatch drained) {
        try {
            int code = process.waitFor();
            drained.await(5, TimeUnit.SECONDS);
            peer.exited(ExecFrames.exitStatus(code));
            Thread w = stdinWriter;
            if (w != null) {
                w.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues bytes for the process's stdin. */
    void stdin(byte[] data) {
        if (data.length > 0 && process != null) {
            startWriter();
            stdinQueue.add(data);
        }
    }

    /** The client half-closed stdin: the process reads EOF after what was queued. */
    void stdinEof() {
        if (process != null) {
            startWriter();
            stdinQueue.add(EOF);
        }
    }

    void resize(byte[] json) {
        int[] size = ExecFrames.resize(json);
        if (process != null) {
            process.resize(size[0], size[1]);
        }
    }

    private synchronized void startWriter() {
        if (stdinWriter != null) {
            return;
        }
        stdinWriter = daemon("exec-stdin-" + process.pid(), () -> {
            OutputStream stdin = process.stdin();
            try {
                while (true) {
                    byte[] data = stdinQueue.take();
                    if (data == EOF) {
                        stdin.close();
                        return;
                    }
                    // a whole array: pty4j's PTYOutputStream mishandles a non-zero offset
                    stdin.write(data);
                    stdin.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the process closed its stdin or ended; its exit status follows
            }
        });
    }

    private static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
