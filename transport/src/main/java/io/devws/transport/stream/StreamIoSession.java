package io.devws.transport.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.sshd.common.io.AbstractIoWriteFuture;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.closeable.AbstractCloseable;

/**
 * A MINA {@link IoSession} over a pair of byte streams: stdin/stdout, an accepted Unix-socket
 * connection, or (client side) an exec stream. One reader thread feeds the {@link IoHandler}.
 * Writes go straight to the stream on the caller's thread when nothing is queued (lowest latency);
 * otherwise a writer thread drains an ordered queue, and order is kept either way.
 */
public final class StreamIoSession extends AbstractCloseable implements IoSession {
    private static final AtomicLong IDS = new AtomicLong();
    private static final int READ_BUFFER = 64 * 1024;

    private final long id = IDS.incrementAndGet();
    private final StreamIoService service;
    private final IoHandler handler;
    private final InputStream in;
    private final OutputStream out;
    private final SocketAddress local;
    private final SocketAddress remote;
    private final TrafficCounter traffic;
    private final Map<Object, Object> attributes = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<PendingWrite> writes = new LinkedBlockingQueue<>();
    /** Queued or being written by the writer thread; direct writes only when zero. */
    private final AtomicInteger pending = new AtomicInteger();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object readGate = new Object();
    private volatile boolean readSuspended;
    private volatile boolean outputShut;

    StreamIoSession(StreamIoService service, IoHandler handler, StreamPair streams, TrafficCounter traffic) {
        this.service = service;
        this.handler = handler;
        this.in = streams.in();
        this.out = streams.out();
        this.local = streams.local();
        this.remote = streams.remote();
        this.traffic = traffic;
    }

    /** Starts the reader and writer threads; call after the handler was told about the session. */
    void start() {
        Thread reader = new Thread(this::readLoop, "devws-io-read-" + id);
        Thread writer = new Thread(this::writeLoop, "devws-io-write-" + id);
        reader.setDaemon(true);
        writer.setDaemon(true);
        writer.start();
        reader.start();
    }

    private void readLoop() {
        byte[] buf = new byte[READ_BUFFER];
        try {
            while (!isClosing()) {
                awaitReadable();
                int n = in.read(buf);
                if (n < 0 || isClosing()) {
                    break;
                }
                traffic.add(n);
                handler.messageReceived(this, new ByteArrayBuffer(buf, 0, n));
            }
        } catch (Throwable e) {
            if (!isClosing()) {
                exceptionCaught(e);
            }
        }
        close(true);
    }

    private void awaitReadable() throws InterruptedException {
        synchronized (readGate) {
            while (readSuspended && !isClosing()) {
                readGate.wait(1000);
            }
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                PendingWrite w = writes.take();
                if (w.data == null) {
                    pending.decrementAndGet();
                    w.future.setValue(Boolean.TRUE);
                    break;
                }
                writeLock.lock();
                try {
                    out.write(w.data);
                    if (writes.isEmpty()) {
                        out.flush();
                    }
                    pending.decrementAndGet();
                } finally {
                    writeLock.unlock();
                }
                traffic.add(w.data.length);
                w.future.setValue(Boolean.TRUE);
            }
        } catch (Throwable e) {
            failPending(e);
            if (!isClosing()) {
                exceptionCaught(e);
            }
            close(true);
        }
    }

    private void exceptionCaught(Throwable e) {
        try {
            handler.exceptionCaught(this, e);
        } catch (Exception ignored) {
            // the handler logs and closes; nothing more to do here
        }
    }

    private void failPending(Throwable e) {
        PendingWrite w;
        while ((w = writes.poll()) != null) {
            w.future.setValue(e);
        }
    }

    @Override
    public IoWriteFuture writeBuffer(Buffer buffer) throws IOException {
        if (isClosing() || outputShut) {
            throw new IOException("connection closed");
        }
        byte[] data = new byte[buffer.available()];
        buffer.getRawBytes(data);
        // fast path: nothing queued, so write on the caller's thread (MINA already serialises
        // packet writes); saves a thread hand-off per packet, which is most of a round trip
        if (writeLock.tryLock()) {
            try {
                if (pending.get() == 0) {
                    out.write(data);
                    out.flush();
                    traffic.add(data.length);
                    return AbstractIoWriteFuture.fulfilled(this, Boolean.TRUE);
                }
            } catch (IOException e) {
                close(true);
                throw e;
            } finally {
                writeLock.unlock();
            }
        }
        WriteFuture future = new WriteFuture(this);
        pending.incrementAndGet();
        writes.add(new PendingWrite(data, future));
        return future;
    }

    @Override
    protected org.apache.sshd.common.future.CloseFuture doCloseGracefully() {
        // let queued writes reach the peer, then close
        WriteFuture drained = new WriteFuture(this);
        pending.incrementAndGet();
        writes.add(new PendingWrite(null, drained));
        drained.addListener(f -> close(true));
        return closeFuture;
    }

    @Override
    protected void doCloseImmediately() {
        // what is queued (a banner, a DISCONNECT) still goes out, bounded: a peer that stopped
        // reading gets its stream closed after a moment anyway
        WriteFuture drained = new WriteFuture(this);
        pending.incrementAndGet();
        writes.add(new PendingWrite(null, drained));
        drained.addListener(f -> closeStreams());
        CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS).execute(() -> {
            closeStreams();
            failPending(new IOException("connection closed"));
        });
        synchronized (readGate) {
            readGate.notifyAll();
        }
        service.sessionClosed(this);
        try {
            handler.sessionClosed(this);
        } catch (Exception ignored) {
            // already closing
        }
        super.doCloseImmediately();
    }

    private void closeStreams() {
        closeQuietly(out);
        closeQuietly(in);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void shutdownOutputStream() throws IOException {
        outputShut = true;
        out.close();
    }

    @Override
    public void suspendRead() {
        readSuspended = true;
    }

    @Override
    public void resumeRead() {
        synchronized (readGate) {
            readSuspended = false;
            readGate.notifyAll();
        }
    }

    @Override
    public long getId() {
        return id;
    }

    @Override
    public SocketAddress getAcceptanceAddress() {
        return local;
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return remote;
    }

    @Override
    public SocketAddress getLocalAddress() {
        return local;
    }

    @Override
    public Object getAttribute(Object key) {
        return attributes.get(key);
    }

    @Override
    public Object setAttribute(Object key, Object value) {
        return attributes.put(key, value);
    }

    @Override
    public Object setAttributeIfAbsent(Object key, Object value) {
        return attributes.putIfAbsent(key, value);
    }

    @Override
    public Object removeAttribute(Object key) {
        return attributes.remove(key);
    }

    @Override
    public IoService getService() {
        return service;
    }

    @Override
    public String toString() {
        return "StreamIoSession[" + id + " " + remote + "]";
    }

    private record PendingWrite(byte[] data, WriteFuture future) {
    }

    private static final class WriteFuture extends AbstractIoWriteFuture {
        WriteFuture(Object id) {
            super(id, null);
        }
    }
}
