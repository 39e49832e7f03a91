package io.devws.transport.exec;

import io.fabric8.kubernetes.client.Config;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The proxy Fabric8's {@link Config} names for an API server URL ({@code https-proxy} /
 * {@code http-proxy}, {@code no-proxy}, proxy credentials), as a Netty handler.
 */
final class ExecProxy {
    private ExecProxy() {
    }

    static Optional<ProxyHandler> forServer(Config config, URI server) {
        String proxy = "https".equals(server.getScheme()) && config.getHttpsProxy() != null
                ? config.getHttpsProxy() : config.getHttpProxy();
        if (proxy == null || proxy.isBlank() || bypassed(config.getNoProxy(), server.getHost())) {
            return Optional.empty();
        }
        URI p = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
        String scheme = p.getScheme().toLowerCase(Locale.ROOT);
        int port = p.getPort() > 0 ? p.getPort() : scheme.startsWith("socks") ? 1080 : 80;
        InetSocketAddress address = InetSocketAddress.createUnresolved(p.getHost(), port);
        String user = config.getProxyUsername();
        String password = config.getProxyPassword();
        if (scheme.startsWith("socks")) {
            return Optional.of(user != null ? new Socks5ProxyHandler(address, user, password) : new Socks5ProxyHandler(address));
        }
        return Optional.of(user != null ? new HttpProxyHandler(address, user, password) : new HttpProxyHandler(address));
    }

    /** {@code no-proxy}: exact hosts, domain suffixes ({@code .example.com} or {@code example.com}), or {@code *}. */
    static boolean bypassed(String[] noProxy, String host) {
        if (noProxy == null || host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String entry : noProxy) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.equals("*") || h.equals(e) || (!e.isEmpty() && h.endsWith(e.startsWith(".") ? e : "." + e))) {
                return true;
            }
        }
        return false;
    }
}
