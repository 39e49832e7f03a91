package io.devws.transport.exec;

import io.devws.transport.io.BulkInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One output channel of an exec (stdout or stderr) as a blocking stream. The WebSocket delivers
 * a message only when asked, so this buffer is the flow control: {@link #offer} says whether the
 * next message may be requested now; if not, {@code resume} runs once the reader has drained the
 * buffer to half its limit. Ends with EOF after the exit status, or with the failure that broke
 * the stream.
 */
final class ChannelInput extends BulkInputStream {
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final long limit;
    private final Runnable resume;
    private long buffered;
    private boolean paused;
    private boolean ended;
    private boolean closed;
    private IOException failure;

    ChannelInput(long limit, Runnable resume) {
        this.limit = limit;
        this.resume = resume;
    }

    /** Queues a message's payload; true when the next message may be requested at once. */
    synchronized boolean offer(ByteBuffer data) {
        // the API server opens each channel with an empty message: a reader must never see a 0-byte read
        if (closed || ended || !data.hasRemaining()) {
            return true;
        }
        queue.add(data);
        buffered += data.remaining();
        notifyAll();
        if (buffered < limit) {
            return true;
        }
        paused = true;
        return false;
    }

    /** No more data: readers get what is buffered, then EOF. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** The stream broke: readers get what is buffered, then {@code e}. */
    synchronized void fail(IOException e) {
        if (!ended) {
            failure = e;
            ended = true;
            notifyAll();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        boolean resumeNow = false;
        synchronized (this) {
            while (queue.isEmpty()) {
                if (closed) {
                    throw new IOException("stream closed");
                }
                if (ended) {
                    if (failure != null) {
                        throw failure;
                    }
                    return -1;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            // take what is there, across messages, without waiting for more
            while (n < len && !queue.isEmpty()) {
                ByteBuffer head = queue.peek();
                int k = Math.min(len - n, head.remaining());
                head.get(b, off + n, k);
                n += k;
                if (!head.hasRemaining()) {
                    queue.poll();
                }
            }
            buffered -= n;
            if (paused && buffered <= limit / 2) {
                paused = false;
                resumeNow = true;
            }
        }
        if (resumeNow) {
            resume.run();
        }
        return n;
    }

    @Override
    public synchronized int available() {
        return (int) Math.min(Integer.MAX_VALUE, buffered);
    }

    /** The reader is gone: drop what is buffered and keep the WebSocket flowing (the exit status still comes). */
    @Override
    public void close() {
        boolean resumeNow;
        synchronized (this) {
            closed = true;
            queue.clear();
            buffered = 0;
            resumeNow = paused;
            paused = false;
            notifyAll();
        }
        if (resumeNow) {
            resume.run();
        }
    }
}
