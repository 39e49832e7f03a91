package io.devws.transport.exec;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's one {@code pods/exec} client, negotiated as kubectl does (KEP-4006): WebSocket
 * {@code v5.channel.k8s.io} first, then SPDY/3.1 with {@code v4.channel.k8s.io} streams, then
 * WebSocket v4 as the last resort. A protocol the server answers with any HTTP status but 101 is
 * skipped for the next one (that is how an API server or kubelet without it says no); no answer at
 * all ends the attempt at once. The protocol that worked is tried first on the next open, so a
 * long-lived client (the sidecar) pays the failed upgrades once.
 *
 * <p>Settings: {@code DEVWS_EXEC_PROTOCOLS} (e.g. {@code spdy,v4}) limits and orders the protocols,
 * {@code DEVWS_EXEC_TLS} ({@code auto|native|jdk}) picks SPDY's TLS engine. WebSocket exec uses
 * the Fabric8 client's own connection and TLS.
 */
public final class ExecClient implements AutoCloseable {
    public static final String PROTOCOLS_ENV = "DEVWS_EXEC_PROTOCOLS";
    public static final String TLS_ENV = "DEVWS_EXEC_TLS";
    private static final Logger LOG = LoggerFactory.getLogger(ExecClient.class);

    private final KubernetesClient client;
    private final List<ExecProtocol> protocols;
    private final ExecTls.Mode tlsMode;
    private EventLoopGroup group;
    private SpdyConnector spdy;
    private volatile ExecProtocol preferred;

    public ExecClient(KubernetesClient client, List<ExecProtocol> protocols, ExecTls.Mode tlsMode) {
        this.client = client;
        this.protocols = List.copyOf(protocols);
        this.tlsMode = tlsMode;
        if (this.protocols.isEmpty()) {
            throw new IllegalArgumentException("no exec protocol to try");
        }
    }

    /**
     * A client with the settings from the environment ({@link #PROTOCOLS_ENV}, {@link #TLS_ENV}).
     *
     * @throws IllegalArgumentException with one line naming the bad setting
     */
    public static ExecClient create(KubernetesClient client) {
        String protocols = System.getenv(PROTOCOLS_ENV);
        try {
            return new ExecClient(client, protocols == null || protocols.isBlank() ? ExecProtocol.NEGOTIATION
                    : ExecProtocol.parseList(protocols), ExecTls.Mode.parse(System.getenv(TLS_ENV)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROTOCOLS_ENV + "/" + TLS_ENV + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens an exec with the first protocol the server takes.
     *
     * @param stderrSink where stderr goes as it arrives, or null to read it from {@link ExecStream#stderr()}
     * @throws KubernetesClientException the last refusal (its code is the HTTP status: 403 no
     *                                   {@code pods/exec} rights, 404 no such pod, 400 no such container)
     *                                   or why the server could not be reached (code 0)
     */
    public ExecStream open(ExecSpec spec, OutputStream stderrSink) {
        return open(p -> spec, stderrSink);
    }

    /**
     * As {@link #open(ExecSpec, OutputStream)}, with a request that depends on the protocol tried:
     * a command that must work around WebSocket v4's missing stdin half-close only there.
     */
    public ExecStream open(Function<ExecProtocol, ExecSpec> specFor, OutputStream stderrSink) {
        KubernetesClientException refused = null;
        for (ExecProtocol p : order()) {
            try {
                ExecStream stream = openWith(p, specFor.apply(p), stderrSink);
                preferred = p;
                return stream;
            } catch (KubernetesClientException e) {
                if (e.getCode() <= 0) {
                    throw e;
                }
                LOG.debug("exec protocol {} refused: {}", p.description(), e.getMessage());
                refused = e;
            }
        }
        throw refused;
    }

    private List<ExecProtocol> order() {
        ExecProtocol first = preferred;
        if (first == null) {
            return protocols;
        }
        List<ExecProtocol> order = new ArrayList<>(protocols.subList(protocols.indexOf(first), protocols.size()));
        return order;
    }

    private ExecStream openWith(ExecProtocol p, ExecSpec spec, OutputStream stderrSink) {
        if (p == ExecProtocol.SPDY) {
            return spdy().open(spec, stderrSink);
        }
        return PodExec.open(client, p, spec, stderrSink);
    }

    private synchronized SpdyConnector spdy() {
        if (spdy == null) {
            group = new NioEventLoopGroup(1, new DefaultThreadFactory("devws-exec", true));
            try {
                spdy = new SpdyConnector(client, group, tlsMode);
            } catch (SSLException | RuntimeException e) {
                group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
                group = null;
                throw new KubernetesClientException("cannot set up TLS for exec: " + e.getMessage(), e);
            }
        }
        return spdy;
    }

    /** How an open stream travels, for {@code --verbose} and {@code doctor}: protocol and TLS engine. */
    public String describe(ExecStream stream) {
        String tls = stream instanceof SpdyExec s ? s.tls()
                : client.getMasterUrl().getProtocol().equals("https") ? "JDK TLS (Fabric8's client)" : "no TLS";
        return stream.protocol().description() + ", " + tls;
    }

    @Override
    public synchronized void close() {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
