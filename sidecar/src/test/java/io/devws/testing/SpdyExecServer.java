package io.devws.testing;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The kubelet's SPDY/3.1 exec server ({@code v4.channel.k8s.io} streams), as client-go meets it:
 * answers the upgrade with 101 and {@code X-Stream-Protocol-Version}, replies to each stream the
 * client opens ({@code streamtype} error/stdin/stdout/stderr/resize), starts the process once all
 * expected streams are there, takes a FIN on stdin as EOF, and at the end writes the Status on the
 * error stream, resets every stream and closes the connection (spdystream's {@code Close}).
 */
final class SpdyExecServer extends ChannelInboundHandlerAdapter implements ExecProcessBridge.Peer {
    private final ExecRequest request;
    private final ExecProcessBridge bridge;
    private final Map<String, Integer> streams = new ConcurrentHashMap<>();
    private final Set<String> expected = new HashSet<>();
    private volatile Channel channel;
    private boolean started;

    private SpdyExecServer(ExecRequest request, ExecTestServer server) {
        this.request = request;
        this.bridge = new ExecProcessBridge(request, server, this);
        expected.add("error");
        if (request.stdin()) {
            expected.add("stdin");
        }
        if (request.stdout()) {
            expected.add("stdout");
        }
        if (request.stderr() && !request.tty()) {
            expected.add("stderr");
        }
        if (request.tty()) {
            expected.add("resize");
        }
    }

    /** Puts the HTTP upgrade to SPDY after {@code ctx} (the request head is fired in after this). */
    static void install(ChannelHandlerContext ctx, ExecRequest request, ExecTestServer server) {
        HttpServerCodec http = new HttpServerCodec();
        SpdyExecServer exec = new SpdyExecServer(request, server);
        ctx.pipeline().addAfter(ctx.name(), "http", http);
        ctx.pipeline().addAfter("http", "upgrade", new HttpServerUpgradeHandler(http,
                protocol -> "SPDY/3.1".contentEquals(protocol) ? new Upgrade(exec) : null, 64 * 1024));
    }

    private static final class Upgrade implements HttpServerUpgradeHandler.UpgradeCodec {
        private final SpdyExecServer exec;

        Upgrade(SpdyExecServer exec) {
            this.exec = exec;
        }

        @Override
        public Collection<CharSequence> requiredUpgradeHeaders() {
            // (Netty would want these listed in Connection too, which client-go does not do)
            return List.of();
        }

        @Override
        public boolean prepareUpgradeResponse(ChannelHandlerContext ctx, FullHttpRequest request, HttpHeaders headers) {
            if (!request.headers().getAll("X-Stream-Protocol-Version").contains("v4.channel.k8s.io")) {
                return false;
            }
            headers.set("X-Stream-Protocol-Version", "v4.channel.k8s.io");
            return true;
        }

        @Override
        public void upgradeTo(ChannelHandlerContext ctx, FullHttpRequest request) {
            ctx.pipeline().addAfter(ctx.name(), "spdy", new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
            ctx.pipeline().addAfter("spdy", "exec", exec);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof SpdySynStreamFrame syn) {
                String type = syn.headers().getAsString("streamtype");
                streams.put(type, syn.streamId());
                ctx.writeAndFlush(new DefaultSpdySynReplyFrame(syn.streamId()));
                if (!started && streams.keySet().containsAll(expected)) {
                    started = true;
                    bridge.start();
                }
            } else if (msg instanceof SpdyDataFrame data) {
                int id = data.streamId();
                if (id == streams.getOrDefault("stdin", -1)) {
                    bridge.stdin(ByteBufUtil.getBytes(data.content()));
                    if (data.isLast()) {
                        bridge.stdinEof();
                    }
                } else if (id == streams.getOrDefault("resize", -1) && data.content().isReadable()) {
                    bridge.resize(ByteBufUtil.getBytes(data.content()));
                }
            } else if (msg instanceof SpdyRstStreamFrame rst && rst.streamId() == streams.getOrDefault("stdin", -1)) {
                bridge.stdinEof();
            } else if (msg instanceof SpdyPingFrame ping && (ping.id() & 1) == 1) {
                ctx.writeAndFlush(ReferenceCountUtil.retain(ping));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // spdystream ends every stream when its connection goes: the process reads EOF
        bridge.stdinEof();
    }

    @Override
    public void output(int channel, byte[] data, int length) {
        Integer id = streams.get(channel == ExecFrames.STDOUT ? "stdout" : "stderr");
        Channel ch = this.channel;
        if (id == null || ch == null) {
            return;
        }
        // the process's pump waits while the connection is backed up, as a kubelet's copy would
        while (!ch.isWritable() && ch.isActive()) {
            LockSupport.parkNanos(1_000_000);
        }
        ch.writeAndFlush(new DefaultSpdyDataFrame(id, Unpooled.copiedBuffer(data, 0, length)));
    }

    @Override
    public void exited(String statusJson) {
        Channel ch = channel;
        Integer error = streams.get("error");
        if (ch == null || error == null || !ch.isActive()) {
            return;
        }
        ch.eventLoop().execute(() -> {
            ch.write(new DefaultSpdyDataFrame(error, Unpooled.copiedBuffer(statusJson, StandardCharsets.UTF_8)));
            for (int id : streams.values()) {
                if (id != error) {
                    ch.write(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.CANCEL));
                }
            }
            ch.writeAndFlush(new DefaultSpdyRstStreamFrame(error, SpdyStreamStatus.CANCEL)).addListener(ChannelFutureListener.CLOSE);
        });
    }
}
