package io.devws.sidecar.session;

import io.devws.transport.io.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import org.apache.sshd.common.channel.LocalWindow;
import org.apache.sshd.server.channel.ChannelDataReceiver;
import org.apache.sshd.server.channel.ChannelSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session channel's input, from MINA's reader thread to the session's stdin pump. It replaces MINA's
 * {@code PipeDataReceiver} for three reasons:
 * <ul>
 * <li>Data arriving once the input is closed is dropped instead of thrown. The session's end closes the input on its
 * own thread while MINA's reader may be past its "is the channel closing?" check with the client's next stdin packet;
 * the "Pipe closed" MINA's pipe then threw failed the whole SSH connection (ssh exit 255 after the command's output:
 * an early exit such as {@code head -c 10 < big}, HostExecutorIT). Nobody reads a closed input, so dropping is what a
 * session owes, and it lets {@link SessionCommand} end its stdin pump by closing the input rather than interrupting
 * the thread.</li>
 * <li>The bytes wait in fixed 32 KiB segments that are reused, not in one array that grows to the window's size with
 * every session: an upload's copies no longer allocate megabyte arrays in the daemon's small old generation, whose
 * full collections stalled every session (docs/benchmarks-e2e.md, "The host hands over the pipes").</li>
 * <li>The window goes back to the client in quarters ({@link #batched}), not after every three packets.</li>
 * </ul>
 * The client may send no more than the channel's window, and the window is released only as the pump reads, so what
 * waits here is bounded by the window.
 */
final class SessionInput implements ChannelDataReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(SessionInput.class);
    static final int SEGMENT = 32 * 1024;
    /** Emptied segments kept for the next bytes; more than this many are left to the collector. */
    private static final int SPARE = 8;

    private final WindowRelease window;
    private final ArrayDeque<byte[]> segments = new ArrayDeque<>();
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    /** The pump's side. Closing it ends a read that waits and drops whatever arrives later. */
    private final InputStream in = Streams.input(this::read, this::closeInput);
    private int readPos; // in the first segment
    private int writePos = SEGMENT; // in the last segment: full until one is added
    private boolean eof;
    private boolean closed;

    SessionInput(ChannelSession channel) {
        this(batched(channel.getLocalWindow()::getMaxSize, n -> {
            LocalWindow w = channel.getLocalWindow();
            if (w.isOpen()) {
                w.release(n);
            }
        }));
    }

    SessionInput(WindowRelease window) {
        this.window = window;
    }

    /**
     * Gives the window back in quarters of it: one window adjust per 512 KiB read instead of MINA's (and OpenSSH's)
     * one per three packets. Each adjust is a message back through every hop of the tunnel (the pod's relay, the
     * container runtime, the kubelet, the API server, the tunnel agent, ssh), ~350 of them per 64 MiB upload. The
     * client is never stalled by what is held back: less than a quarter of the window is, so the client can keep three
     * quarters in flight, and once it waits for window, what it sent is read and the quarter given back. (A process
     * that stops reading stalls the client, as it always did.)
     */
    static WindowRelease batched(LongSupplier windowSize, WindowRelease release) {
        return new Quarters(windowSize, release);
    }

    /** Gives the client room for {@code n} more bytes. */
    @FunctionalInterface
    interface WindowRelease {
        void release(long n) throws IOException;
    }

    InputStream getIn() {
        return in;
    }

    /** MINA's reader thread: queues the bytes; the window is released when the pump has read them. */
    @Override
    public synchronized int data(ChannelSession channel, byte[] buf, int start, int len) {
        if (closed || eof) {
            LOG.debug("dropped {} bytes of input for a session whose input is closed", len);
            return 0; // no window released: the channel is ending, or nobody will ever read it
        }
        while (len > 0) {
            if (writePos == SEGMENT) {
                segments.addLast(spare.isEmpty() ? new byte[SEGMENT] : spare.pollFirst());
                writePos = 0;
            }
            int n = Math.min(len, SEGMENT - writePos);
            System.arraycopy(buf, start, segments.peekLast(), writePos, n);
            writePos += n;
            start += n;
            len -= n;
        }
        notifyAll();
        return 0;
    }

    /** The client's EOF: the pump reads what is queued, then the end. */
    @Override
    public synchronized void close() {
        eof = true;
        notifyAll();
    }

    private synchronized int take(byte[] b, int off, int len) throws IOException {
        while (!closed && segments.isEmpty() && !eof) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for session input");
            }
        }
        if (closed || segments.isEmpty()) {
            return -1;
        }
        int done = 0;
        while (done < len && !segments.isEmpty()) {
            byte[] first = segments.peekFirst();
            int end = segments.size() == 1 ? writePos : SEGMENT;
            int n = Math.min(len - done, end - readPos);
            System.arraycopy(first, readPos, b, off + done, n);
            readPos += n;
            done += n;
            if (readPos == end) {
                recycle(segments.pollFirst());
                readPos = 0;
                if (segments.isEmpty()) {
                    writePos = SEGMENT;
                }
            }
        }
        return done;
    }

    private void recycle(byte[] segment) {
        if (spare.size() < SPARE) {
            spare.addLast(segment);
        }
    }

    private synchronized void closeInput() {
        closed = true;
        segments.clear();
        spare.clear();
        notifyAll();
    }

    /** The pump's side: what was queued, giving the window back as it goes. */
    private int read(byte[] b, int off, int len) throws IOException {
        int n = take(b, off, len);
        if (n > 0) {
            window.release(n);
        }
        return n;
    }

    /** What {@link #batched} holds back: the bytes read since the last window adjust. */
    private static final class Quarters implements WindowRelease {
        private final LongSupplier windowSize;
        private final WindowRelease release;
        private long held;

        Quarters(LongSupplier windowSize, WindowRelease release) {
            this.windowSize = windowSize;
            this.release = release;
        }

        @Override
        public void release(long n) throws IOException {
            long give;
            synchronized (this) {
                held += n;
                if (held < windowSize.getAsLong() / 4) {
                    return;
                }
                give = held;
                held = 0;
            }
            release.release(give);
        }
    }
}
