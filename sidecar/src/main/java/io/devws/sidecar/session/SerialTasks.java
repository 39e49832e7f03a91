package io.devws.sidecar.session;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's control work (starting its process, signals, window changes, hang-up), in order and off
 * the SSH connection's reader thread: each of them may be a blocking Kubernetes API call, and the reader
 * thread serves every other channel of the connection. Pool threads exist only while some task runs, and shortly after.
 */
final class SerialTasks {
    private static final Logger LOG = LoggerFactory.getLogger(SerialTasks.class);
    /** Idle threads end after 2 s: sessions start rarely, and a closed connection should leave no thread behind. */
    private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "devws-session-control");
                t.setDaemon(true);
                return t;
            });

    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean running;

    void submit(Runnable task) {
        synchronized (this) {
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        POOL.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.warn("session control task failed: {}", e.toString());
            }
        }
    }
}
