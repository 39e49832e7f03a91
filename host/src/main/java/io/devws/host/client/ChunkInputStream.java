package io.devws.host.client;

import io.devws.host.io.BulkInputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** An input stream fed with whole chunks by one thread; bounded, so the feeder waits for the reader. */
final class ChunkInputStream extends BulkInputStream {
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(64);
    private byte[] current;
    private int pos;
    private volatile boolean ended;

    /** Waits for room; a chunk added after {@link #end()} is dropped (nobody will read it). */
    void add(byte[] chunk) throws InterruptedException {
        while (!ended && chunk.length > 0) {
            if (chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /**
     * No more chunks; the reader sees EOF once it took what was queued. Never blocks. The END marker wakes a
     * reader waiting on an empty queue at once (without it, EOF waited for the reader's 100 ms poll, and every
     * session's exit status with it: ~100 ms per `ssh ws true` on the cluster); a full queue has no waiting
     * reader, which finds {@code ended} once it has drained it.
     */
    void end() {
        ended = true;
        chunks.offer(END);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws InterruptedIOException {
        if (len == 0) {
            return 0;
        }
        if (current == END) {
            return -1; // and again on every later read
        }
        if (current == null || pos == current.length) {
            try {
                byte[] next = null;
                while (next == null) {
                    boolean last = ended; // read before polling: a chunk queued before end() is still taken
                    next = chunks.poll(last ? 0 : 100, TimeUnit.MILLISECONDS);
                    if (next == END || next == null && last) {
                        current = END;
                        return -1;
                    }
                }
                current = next;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
            pos = 0;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }
}
