package io.devws.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The exec test server's front door: takes the {@code pods/exec} upgrades that the Fabric8 mock
 * server cannot (SPDY/3.1, WebSocket {@code v5.channel.k8s.io}) and passes every other connection
 * through, byte for byte, to the mock server (resources, WebSocket v4). What it offers follows
 * {@link ExecTestServer.Offer}; a protocol not offered is refused as a server without it refuses:
 * a v5-only WebSocket upgrade gets containerd's plain 403, a SPDY upgrade gets 400.
 */
final class ExecFront implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;

    private final ExecTestServer server;
    private final ExecDispatcher dispatcher;
    private final int backendPort;
    private final EventLoopGroup group = new NioEventLoopGroup(2, new DefaultThreadFactory("exec-front", true));
    private final Channel listener;

    ExecFront(ExecTestServer server, ExecDispatcher dispatcher, int backendPort) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.backendPort = backendPort;
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Sniffer());
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** Reads a request's head, then hands the connection (head included) to the handler it needs. */
    private final class Sniffer extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int end = indexOf(in, "\r\n\r\n");
            if (end < 0) {
                if (in.readableBytes() > MAX_HEAD) {
                    ctx.close();
                }
                return;
            }
            String head = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.ISO_8859_1);
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                            (a, b) -> a + "," + b);
                }
            }
            route(ctx, requestLine.length > 1 ? requestLine[1] : "/", headers);
            ctx.pipeline().remove(this);
        }

        private void route(ChannelHandlerContext ctx, String path, Map<String, String> headers) {
            Optional<ExecRequest> exec = ExecRequest.parse(path);
            String upgrade = headers.getOrDefault("upgrade", "");
            ExecTestServer.Offer offer = server.offer();
            if (exec.isPresent() && !server.authorized(headers.get("authorization"))) {
                ExecAdmission a = ExecAdmission.unauthorized();
                refuse(ctx, a.code(), "application/json", a.body());
                return;
            }
            if (exec.isPresent() && upgrade.equalsIgnoreCase("SPDY/3.1")) {
                if (!offer.spdy()) {
                    refuse(ctx, 400, "text/plain", "SPDY is not offered by this server");
                    return;
                }
                ExecAdmission a = ExecAdmission.check(exec.get(), dispatcher.crud(), server);
                if (!a.admitted()) {
                    refuse(ctx, a.code(), "application/json", a.body());
                    return;
                }
                server.recordRequest(a.request()); // only execs that run are recorded, not refused upgrades
                SpdyExecServer.install(ctx, a.request(), server);
                return;
            }
            if (exec.isPresent() && upgrade.equalsIgnoreCase("websocket")) {
                List<String> protocols = List.of(headers.getOrDefault("sec-websocket-protocol", "").split("\\s*,\\s*"));
                if (protocols.contains("v5.channel.k8s.io") && (offer.v5() || !protocols.contains("v4.channel.k8s.io"))) {
                    ExecAdmission a = ExecAdmission.check(exec.get(), dispatcher.crud(), server);
                    if (!a.admitted()) {
                        refuse(ctx, a.code(), "application/json", a.body());
                    } else if (!offer.v5()) {
                        // what containerd's streaming server answers to a subprotocol it does not know
                        refuse(ctx, 403, "text/plain", "requested protocol(s) are not supported: " + protocols);
                    } else {
                        server.recordRequest(a.request());
                        WebSocketV5ExecServer.install(ctx, a.request(), server);
                    }
                    return;
                }
            }
            ctx.pipeline().addAfter(ctx.name(), "proxy", new ProxyToBackend());
        }

        private void refuse(ChannelHandlerContext ctx, int code, String type, String body) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + code + " " + (code == 401 ? "Unauthorized" : code == 403 ? "Forbidden"
                    : code == 404 ? "Not Found" : "Bad Request")
                    + "\r\nContent-Type: " + type + "\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n";
            ctx.writeAndFlush(Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.ISO_8859_1), b))
                    .addListener(ChannelFutureListener.CLOSE);
            ctx.pipeline().addAfter(ctx.name(), "discard", new Discard());
        }

        private int indexOf(ByteBuf in, String marker) {
            byte[] m = marker.getBytes(StandardCharsets.ISO_8859_1);
            outer:
            for (int i = in.readerIndex(); i <= in.writerIndex() - m.length; i++) {
                for (int j = 0; j < m.length; j++) {
                    if (in.getByte(i + j) != m[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    private static final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Relays a connection to the mock server, both ways, as it comes. */
    private final class ProxyToBackend extends ChannelInboundHandlerAdapter {
        private final ArrayDeque<Object> pending = new ArrayDeque<>();
        private Channel backend;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            Channel front = ctx.channel();
            front.config().setAutoRead(false);
            new Bootstrap().group(front.eventLoop()).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new Relay(front))
                    .connect(InetAddress.getLoopbackAddress(), backendPort)
                    .addListener((ChannelFutureListener) f -> {
                        if (!f.isSuccess()) {
                            front.close();
                            return;
                        }
                        backend = f.channel();
                        while (!pending.isEmpty()) {
                            backend.write(pending.poll());
                        }
                        backend.flush();
                        front.config().setAutoRead(true);
                    });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (backend == null) {
                pending.add(msg);
            } else {
                backend.writeAndFlush(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            pending.forEach(ReferenceCountUtil::release);
            pending.clear();
            if (backend != null) {
                backend.close();
            }
        }
    }

    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel other;

        Relay(Channel other) {
            this.other = other;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            other.writeAndFlush(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            other.close();
        }
    }
}
