package io.devws.testing;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * An exec over WebSocket {@code v5.channel.k8s.io}: the v4 channels plus the CLOSE message
 * {@code [255, channel]}; {@code [255, 0]} ends the process's stdin.
 */
final class WebSocketV5ExecServer extends ChannelInboundHandlerAdapter implements ExecProcessBridge.Peer {
    static final String SUBPROTOCOL = "v5.channel.k8s.io";
    private static final int CLOSE = 255;

    private final ExecProcessBridge bridge;
    private volatile Channel channel;

    private WebSocketV5ExecServer(ExecRequest request, ExecTestServer server) {
        this.bridge = new ExecProcessBridge(request, server, this);
    }

    static void install(ChannelHandlerContext ctx, ExecRequest request, ExecTestServer server) {
        ctx.pipeline().addAfter(ctx.name(), "http", new HttpServerCodec());
        ctx.pipeline().addAfter("http", "aggregate", new HttpObjectAggregator(64 * 1024));
        ctx.pipeline().addAfter("aggregate", "ws", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/").checkStartsWith(true).subprotocols(SUBPROTOCOL)
                .maxFramePayloadLength(16 * 1024 * 1024).build()));
        ctx.pipeline().addAfter("ws", "exec", new WebSocketV5ExecServer(request, server));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            channel = ctx.channel();
            bridge.start();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof BinaryWebSocketFrame frame && frame.content().isReadable()) {
                byte[] b = ByteBufUtil.getBytes(frame.content());
                int ch = b[0] & 0xff;
                if (ch == ExecFrames.STDIN) {
                    bridge.stdin(java.util.Arrays.copyOfRange(b, 1, b.length));
                } else if (ch == ExecFrames.RESIZE) {
                    bridge.resize(java.util.Arrays.copyOfRange(b, 1, b.length));
                } else if (ch == CLOSE && b.length > 1 && b[1] == ExecFrames.STDIN) {
                    bridge.stdinEof();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        bridge.stdinEof();
    }

    @Override
    public void output(int ch, byte[] data, int length) {
        Channel c = channel;
        if (c == null) {
            return;
        }
        while (!c.isWritable() && c.isActive()) {
            LockSupport.parkNanos(1_000_000);
        }
        c.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(ExecFrames.encode(ch, data, 0, length))));
    }

    @Override
    public void exited(String statusJson) {
        Channel c = channel;
        if (c == null) {
            return;
        }
        byte[] s = statusJson.getBytes(StandardCharsets.UTF_8);
        c.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(ExecFrames.encode(ExecFrames.STATUS, s, 0, s.length))));
        c.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
    }
}
