package io.devws.transport.exec;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpClientUpgradeHandler;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * An exec over SPDY/3.1 with {@code v4.channel.k8s.io} streams, as client-go's
 * {@code remotecommand} speaks it: after the HTTP upgrade the client opens one stream per channel
 * (odd ids, header {@code streamtype} = error, stdin, stdout, stderr, resize) and waits for the
 * server's SYN_REPLY to each; stdin's half-close is a FIN; the error stream carries the Status JSON
 * when the process ended, after which the server resets the streams and closes the connection.
 *
 * <p>Flow control: the Kubernetes side (spdystream) keeps no SPDY windows, so none are kept here
 * either. Reading is paused (TCP back-pressure) while a reader's buffer is full; writing waits
 * while the channel is not writable.
 *
 * <p>All handler methods run on the channel's event loop; the streams are used from other threads.
 */
final class SpdyExec extends ChannelInboundHandlerAdapter implements ExecStream {
    /** Stdin payload per DATA frame. */
    static final int FRAME = 32 * 1024;

    private static final int ERROR = 0;
    private static final int STDIN = 1;
    private static final int STDOUT = 2;
    private static final int STDERR = 3;
    private static final int RESIZE = 4;
    private static final String[] TYPES = {"error", "stdin", "stdout", "stderr", "resize"};

    private final ExecSpec spec;
    private final KubernetesSerialization serialization;
    private final OutputStream stderrSink;
    private final String tls;
    /** Stream id per channel index (0 = not opened). */
    private final int[] ids = new int[TYPES.length];
    private final ChannelInput stdout;
    private final ChannelInput stderr;
    private final boolean[] paused = new boolean[2];
    private final ByteArrayOutputStream status = new ByteArrayOutputStream();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<ExecExit> exit = new CompletableFuture<>();
    private final Object writable = new Object();
    private final Stdin stdin = new Stdin();
    private int awaitingReplies;
    private volatile Channel channel;
    private volatile Throwable writeFailure;

    SpdyExec(ExecSpec spec, KubernetesSerialization serialization, OutputStream stderrSink, String tls) {
        this.spec = spec;
        this.serialization = serialization;
        this.stderrSink = stderrSink;
        this.tls = tls;
        this.stdout = new ChannelInput(PodExec.READ_AHEAD, () -> resume(0));
        this.stderr = spec.stderr() && stderrSink == null ? new ChannelInput(PodExec.READ_AHEAD, () -> resume(1)) : null;
    }

    /** Completes once the server replied to every stream (then data may flow), or fails. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    /** What the connection runs on, for {@code --verbose}. */
    String tls() {
        return tls;
    }

    // --- the event loop's side ---

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == HttpClientUpgradeHandler.UpgradeEvent.UPGRADE_SUCCESSFUL) {
            // after the HTTP codec has left the pipeline
            ctx.executor().execute(() -> openStreams(ctx));
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void openStreams(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.channel().config().setAutoRead(false);
        boolean[] wanted = {true, spec.stdin(), true, spec.stderr(), spec.tty()};
        int next = 1;
        for (int i = 0; i < TYPES.length; i++) {
            if (wanted[i]) {
                ids[i] = next;
                next += 2;
                SpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(ids[i], 0, (byte) 0);
                syn.headers().set("streamtype", TYPES[i]);
                ctx.write(syn);
                awaitingReplies++;
            }
        }
        ctx.flush();
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof SpdySynReplyFrame) {
                if (--awaitingReplies == 0) {
                    ready.complete(null);
                }
            } else if (msg instanceof SpdyDataFrame data) {
                received(data);
            } else if (msg instanceof SpdyRstStreamFrame rst) {
                ended(channelOf(rst.streamId()));
            } else if (msg instanceof SpdyPingFrame ping && (ping.id() & 1) == 0) {
                // the server's ping (even id): answer it
                ctx.writeAndFlush(ReferenceCountUtil.retain(ping));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void received(SpdyDataFrame data) {
        int channelIndex = channelOf(data.streamId());
        ByteBuf content = data.content();
        if (content.isReadable()) {
            switch (channelIndex) {
                case STDOUT -> paused[0] |= !stdout.offer(copy(content));
                case STDERR -> {
                    if (stderr != null) {
                        paused[1] |= !stderr.offer(copy(content));
                    } else if (stderrSink != null) {
                        writeStderr(content);
                    }
                }
                case ERROR -> {
                    byte[] b = new byte[content.readableBytes()];
                    content.readBytes(b);
                    status.writeBytes(b);
                }
                default -> { }
            }
        }
        if (data.isLast()) {
            ended(channelIndex);
        }
    }

    private static ByteBuffer copy(ByteBuf content) {
        ByteBuffer b = ByteBuffer.allocate(content.readableBytes());
        content.readBytes(b);
        return b.flip();
    }

    private void writeStderr(ByteBuf content) {
        try {
            byte[] b = new byte[content.readableBytes()];
            content.readBytes(b);
            stderrSink.write(b);
            stderrSink.flush();
        } catch (IOException e) {
            // the caller's stderr is gone: nothing to tell it
        }
    }

    private int channelOf(int streamId) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == streamId && streamId != 0) {
                return i;
            }
        }
        return -1;
    }

    /** The server finished or reset one stream. */
    private void ended(int channelIndex) {
        if (channelIndex == STDOUT) {
            stdout.end();
        } else if (channelIndex == STDERR && stderr != null) {
            stderr.end();
        } else if (channelIndex == ERROR) {
            // the Status is complete: the process ended and its output was sent before it
            finish(null);
        }
    }

    private void finish(IOException failure) {
        if (failure != null) {
            fail(failure);
            return;
        }
        stdout.end();
        if (stderr != null) {
            stderr.end();
        }
        exit.complete(ExecStatus.parse(serialization, status.toString(StandardCharsets.UTF_8)));
        wakeWriters();
    }

    private void fail(IOException failure) {
        stdout.fail(failure);
        if (stderr != null) {
            stderr.fail(failure);
        }
        ready.completeExceptionally(failure);
        exit.completeExceptionally(failure);
        wakeWriters();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!paused[0] && !paused[1] && channel != null) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    private void resume(int index) {
        Channel ch = channel;
        if (ch != null) {
            ch.eventLoop().execute(() -> {
                paused[index] = false;
                if (!paused[0] && !paused[1]) {
                    ch.read();
                }
            });
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        wakeWriters();
        ctx.fireChannelWritabilityChanged();
    }

    private void wakeWriters() {
        synchronized (writable) {
            writable.notifyAll();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!exit.isDone()) {
            if (status.size() > 0) {
                finish(null);
            } else {
                fail(new IOException("the exec connection closed before the exit status came"));
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause instanceof IOException io ? io : new IOException(cause.toString(), cause));
        ctx.close();
    }

    // --- ExecStream ---

    @Override
    public ExecProtocol protocol() {
        return ExecProtocol.SPDY;
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return stderr;
    }

    @Override
    public void resize(int columns, int rows) {
        if (spec.tty() && columns > 0 && rows > 0) {
            byte[] size = ExecProtocol.terminalSize(columns, rows);
            Channel ch = channel;
            if (ch != null) {
                ch.writeAndFlush(new DefaultSpdyDataFrame(ids[RESIZE], Unpooled.wrappedBuffer(size)));
            }
        }
    }

    @Override
    public CompletableFuture<ExecExit> exit() {
        return exit;
    }

    @Override
    public void close() {
        stdout.end();
        if (stderr != null) {
            stderr.end();
        }
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    /** Stdin in DATA frames of {@link #FRAME}; waits while the channel is not writable. Close = FIN. */
    private final class Stdin extends OutputStream {
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stdin is closed");
            }
            for (int done = 0; done < len; ) {
                int n = Math.min(FRAME, len - done);
                awaitWritable();
                send(new DefaultSpdyDataFrame(ids[STDIN], Unpooled.copiedBuffer(b, off + done, n)));
                done += n;
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (!closed) {
                closed = true;
                if (ids[STDIN] != 0 && !exit.isDone()) {
                    send(new DefaultSpdyDataFrame(ids[STDIN]).setLast(true));
                }
            }
        }

        private void send(SpdyDataFrame frame) throws IOException {
            Channel ch = channel;
            if (ch == null || ids[STDIN] == 0) {
                ReferenceCountUtil.release(frame);
                throw new IOException("this exec has no stdin");
            }
            ch.writeAndFlush(frame).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    writeFailure = f.cause();
                    wakeWriters();
                }
            });
        }

        private void awaitWritable() throws IOException {
            Channel ch = channel;
            synchronized (writable) {
                while (true) {
                    if (writeFailure != null || exit.isDone() || !ch.isActive()) {
                        throw new IOException("the exec stream is closed", writeFailure);
                    }
                    if (ch.isWritable()) {
                        return;
                    }
                    try {
                        writable.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException();
                    }
                }
            }
        }
    }
}
