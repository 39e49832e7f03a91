package io.devws.transport.exec;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.HttpClientUtils;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request headers Fabric8 would put on a request (Authorization from a token, a token file,
 * an exec credential plugin or OIDC with its refresh, basic auth; impersonation; custom headers),
 * obtained by running Fabric8's own interceptors, so the SPDY client authenticates exactly as
 * the Fabric8 client does without parsing the kubeconfig again. Client certificates are TLS's
 * business ({@link ExecTls}). One instance per client: the token interceptor keeps its refresh clock.
 */
final class ExecAuth {
    private static final Interceptor.RequestTags NO_TAGS = new Interceptor.RequestTags() {
        @Override
        public <T> T getTag(Class<T> type) {
            return null;
        }
    };

    private final Collection<Interceptor> interceptors;
    private final HttpClient http;

    ExecAuth(KubernetesClient client) {
        Config config = client.getConfiguration();
        this.interceptors = List.copyOf(HttpClientUtils.createApplicableInterceptors(config,
                HttpClientUtils.getHttpClientFactory()).values());
        this.http = client.getHttpClient();
    }

    /** The headers for a request to {@code uri}, names as the interceptors spell them. */
    synchronized Map<String, List<String>> headers(URI uri) {
        HttpRequest request = http.newHttpRequestBuilder().uri(uri).build();
        Headers headers = new Headers();
        for (Interceptor i : interceptors) {
            i.before(headers, request, NO_TAGS);
        }
        return headers.values;
    }

    private static final class Headers implements BasicBuilder {
        final Map<String, List<String>> values = new LinkedHashMap<>();

        @Override
        public BasicBuilder uri(URI uri) {
            return this;
        }

        @Override
        public BasicBuilder header(String name, String value) {
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        @Override
        public BasicBuilder setHeader(String name, String value) {
            values.put(name, new ArrayList<>(List.of(value)));
            return this;
        }
    }
}
