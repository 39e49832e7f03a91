package io.devws.sidecar.unix;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;

/**
 * The SSH-to-socket half of a bridged socket, off the connection's reader thread. Each chunk the
 * channel receives is queued and written by a pool thread, in order; the SSH window is released
 * ({@code written}) only once the socket took the bytes. A local process that stops reading therefore
 * closes its own channel's window and stalls nothing else: the queue holds at most one window
 * ({@code maxQueued}, a peer that overruns it is a protocol violation and ends the channel).
 */
public final class QueuedSocketWrites {
    /** Threads only while some socket is being written; idle ones end after a minute. */
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "devws-socket-write");
        t.setDaemon(true);
        return t;
    });

    private final SocketEnd socket;
    private final long maxQueued;
    private final LongConsumer written;
    private final Runnable failed;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private long queued;
    private boolean draining;
    private boolean dead;

    /**
     * @param maxQueued the channel's local window: more than that queued means the peer ignored it
     * @param written   called with each chunk's length once it reached the socket (release the window)
     * @param failed    called once when the socket broke or the queue overflowed (close the channel)
     */
    public QueuedSocketWrites(SocketEnd socket, long maxQueued, LongConsumer written, Runnable failed) {
        this.socket = socket;
        this.maxQueued = maxQueued;
        this.written = written;
        this.failed = failed;
    }

    /** Queues a copy of the bytes; returns at once. */
    public void write(byte[] data, int off, int len) {
        byte[] copy = java.util.Arrays.copyOfRange(data, off, off + len);
        synchronized (this) {
            if (dead) {
                return;
            }
            queued += len;
            if (queued > maxQueued) {
                dead = true;
                queue.clear();
                WRITERS.execute(failed);
                return;
            }
        }
        enqueue(() -> {
            try {
                socket.write(copy, 0, copy.length);
            } catch (IOException e) {
                fail();
                return;
            }
            synchronized (this) {
                queued -= copy.length;
            }
            written.accept(copy.length);
        });
    }

    /** After everything queued so far: the socket's reader sees EOF. */
    public void shutdownOutput() {
        enqueue(() -> {
            try {
                socket.shutdownOutput();
            } catch (IOException | UnsupportedOperationException e) {
                fail();
            }
        });
    }

    private void fail() {
        synchronized (this) {
            if (dead) {
                return;
            }
            dead = true;
            queue.clear();
        }
        failed.run();
    }

    private void enqueue(Runnable task) {
        synchronized (this) {
            if (dead) {
                return;
            }
            queue.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        WRITERS.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null || dead) {
                    draining = false;
                    return;
                }
            }
            next.run();
        }
    }
}
