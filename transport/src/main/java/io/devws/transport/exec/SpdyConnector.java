package io.devws.transport.exec;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpClientUpgradeHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Opens {@link SpdyExec}s: a Netty connection to the API server (through Fabric8's proxy
 * settings, TLS from {@link ExecTls}), the HTTP/1.1 {@code Upgrade: SPDY/3.1} request with
 * {@code X-Stream-Protocol-Version: v4.channel.k8s.io} and Fabric8's authentication headers.
 */
final class SpdyConnector {
    static final String PROTOCOL_HEADER = "X-Stream-Protocol-Version";
    private static final int MAX_REFUSAL = 64 * 1024;

    private final KubernetesClient client;
    private final EventLoopGroup group;
    private final ExecAuth auth;
    private final SslContext tls;
    private final String tlsName;

    SpdyConnector(KubernetesClient client, EventLoopGroup group, ExecTls.Mode mode) throws SSLException {
        this.client = client;
        this.group = group;
        this.auth = new ExecAuth(client);
        URI server = URI.create(client.getMasterUrl().toString());
        if ("https".equals(server.getScheme())) {
            SslProvider provider = ExecTls.provider(mode);
            this.tls = ExecTls.context(client.getConfiguration(), provider);
            this.tlsName = ExecTls.describe(provider);
        } else {
            this.tls = null;
            this.tlsName = "no TLS";
        }
    }

    String tlsName() {
        return tlsName;
    }

    /**
     * Opens the exec; returns once the server accepted every stream.
     *
     * @throws KubernetesClientException with the HTTP status when the server refused the upgrade, 0 when no answer came
     */
    SpdyExec open(ExecSpec spec, OutputStream stderrSink) {
        URI uri = spec.uri(client.getMasterUrl());
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        long timeout = Math.max(1000, client.getConfiguration().getRequestTimeout());
        int connectTimeout = (int) Math.max(1000, client.getConfiguration().getConnectionTimeout());
        SpdyExec exec = new SpdyExec(spec, client.getKubernetesSerialization(), stderrSink, tlsName);
        Refusal refusal = new Refusal(exec);
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeout)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 512 * 1024))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ExecProxy.forServer(client.getConfiguration(), uri).ifPresent(p -> ch.pipeline().addLast(p));
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc(), uri.getHost(), port));
                        }
                        // stdin writes flush each; merged here, fewer TLS records and syscalls go out
                        ch.pipeline().addLast(new FlushConsolidationHandler(64, true));
                        HttpClientCodec http = new HttpClientCodec();
                        ch.pipeline().addLast(http,
                                new HttpClientUpgradeHandler(http, new Upgrade(exec), MAX_REFUSAL),
                                refusal, exec);
                    }
                });
        Channel channel = null;
        try {
            channel = b.connect(uri.getHost(), port).syncUninterruptibly().channel();
            channel.writeAndFlush(request(uri, port));
            exec.ready().get(timeout, TimeUnit.MILLISECONDS);
            return exec;
        } catch (ExecutionException e) {
            close(channel);
            throw e.getCause() instanceof KubernetesClientException k ? k
                    : new KubernetesClientException("exec into pod " + spec.pod() + " over SPDY: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            close(channel);
            throw new KubernetesClientException("no answer from the API server within " + timeout + " ms to an exec into pod "
                    + spec.pod(), e);
        } catch (InterruptedException e) {
            close(channel);
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while opening an exec", e);
        } catch (RuntimeException e) {
            close(channel);
            throw new KubernetesClientException("cannot reach the API server at " + uri.getHost() + ":" + port + ": " + e, e);
        }
    }

    private static void close(Channel channel) {
        if (channel != null) {
            channel.close();
        }
    }

    private FullHttpRequest request(URI uri, int port) {
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path);
        // POST as kubectl: RBAC reads it as "create pods/exec"
        request.headers().set(HttpHeaderNames.HOST, uri.getHost() + ":" + port);
        request.headers().set(HttpHeaderNames.USER_AGENT, "devws");
        request.headers().set(PROTOCOL_HEADER, ExecProtocol.SPDY.version());
        for (Map.Entry<String, List<String>> h : auth.headers(uri).entrySet()) {
            request.headers().set(h.getKey(), h.getValue());
        }
        return request;
    }

    /** Switches the pipeline to SPDY when the server agreed to {@code v4.channel.k8s.io}. */
    private static final class Upgrade implements HttpClientUpgradeHandler.UpgradeCodec {
        private final SpdyExec exec;

        Upgrade(SpdyExec exec) {
            this.exec = exec;
        }

        @Override
        public CharSequence protocol() {
            return "SPDY/3.1";
        }

        @Override
        public Collection<CharSequence> setUpgradeHeaders(ChannelHandlerContext ctx, HttpRequest upgradeRequest) {
            return List.of();
        }

        @Override
        public void upgradeTo(ChannelHandlerContext ctx, FullHttpResponse response) {
            String version = response.headers().get(PROTOCOL_HEADER);
            if (!ExecProtocol.SPDY.version().equals(version)) {
                exec.ready().completeExceptionally(new KubernetesClientException(
                        "the server chose exec protocol '" + version + "' over SPDY, not " + ExecProtocol.SPDY.version(), 400, null));
                ctx.close();
                return;
            }
            ctx.pipeline().addBefore(ctx.pipeline().context(exec).name(), "spdy", new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
        }
    }

    /** Turns a refused upgrade (any answer but 101) into a {@link KubernetesClientException} with its status. */
    private static final class Refusal extends ChannelInboundHandlerAdapter {
        private final SpdyExec exec;
        private final StringBuilder body = new StringBuilder();
        private int code;

        Refusal(SpdyExec exec) {
            this.exec = exec;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HttpObject)) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                if (msg instanceof HttpResponse response) {
                    code = response.status().code();
                }
                if (msg instanceof HttpContent content && body.length() < MAX_REFUSAL) {
                    body.append(content.content().toString(StandardCharsets.UTF_8));
                }
                if (msg instanceof LastHttpContent) {
                    String text = body.toString().trim();
                    exec.ready().completeExceptionally(new KubernetesClientException(
                            "SPDY upgrade refused: HTTP " + code + (text.isEmpty() ? "" : ": " + text), code, null));
                    ctx.close();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == HttpClientUpgradeHandler.UpgradeEvent.UPGRADE_SUCCESSFUL) {
                ctx.pipeline().remove(this);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            exec.ready().completeExceptionally(new IOException("the API server closed the connection before answering the exec"));
            ctx.fireChannelInactive();
        }
    }
}
