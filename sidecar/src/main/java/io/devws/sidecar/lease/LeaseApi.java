package io.devws.sidecar.lease;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The one API call the daemon makes itself: a JSON merge patch of its workspace's Lease, over the JDK's
 * HTTP client with the pod's service-account credentials, found where client-go's {@code rest.InClusterConfig}
 * finds them. No Kubernetes client library is loaded for it: a daemon whose sessions go through the session
 * host never loads one (docs/benchmarks-sidecar.md, "A daemon without the Kubernetes client").
 */
public final class LeaseApi {
    /** Where the kubelet mounts the pod's service-account token and the cluster's CA. */
    public static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int ERROR_TEXT = 300;

    private final URI server;
    private final Path tokenFile;
    private final HttpClient http;

    /**
     * @param tokenFile read on every call: bound service-account tokens are rotated by the kubelet
     * @param ssl       trusts the API server's certificate; null for a plain-HTTP test server
     */
    public LeaseApi(URI server, Path tokenFile, SSLContext ssl) {
        this.server = server;
        this.tokenFile = tokenFile;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.http = b.build();
    }

    private static LeaseApi inCluster;

    /**
     * In a pod: {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}, the token and {@code ca.crt} of {@link #SERVICE_ACCOUNT};
     * one per process (its HTTP client, connection and thread are shared by the activity and session-path reports).
     */
    public static synchronized LeaseApi inCluster(Map<String, String> env) {
        if (inCluster == null) {
            inCluster = inCluster(env, SERVICE_ACCOUNT);
        }
        return inCluster;
    }

    static LeaseApi inCluster(Map<String, String> env, Path serviceAccount) {
        String host = env.get("KUBERNETES_SERVICE_HOST");
        String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
        Path ca = serviceAccount.resolve("ca.crt");
        if (host == null || host.isBlank() || !Files.isReadable(ca)) {
            throw new IllegalStateException("writing the workspace's Lease needs the pod's in-cluster credentials "
                    + "(KUBERNETES_SERVICE_HOST and " + ca + "): run the sidecar in its workspace pod, or without "
                    + "--report-activity");
        }
        String authority = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        return new LeaseApi(URI.create("https://" + authority), serviceAccount.resolve("token"), trusting(ca));
    }

    /** An SSL context that trusts exactly the certificates of this PEM file (the cluster's CA bundle). */
    static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalStateException("no certificate in " + pem);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the cluster's CA from " + pem + ": " + e.getMessage(), e);
        }
    }

    /** {@code PATCH} with {@code application/merge-patch+json}; any answer but 2xx is an IOException with the API's message. */
    public void mergePatch(String namespace, String name, String json) throws IOException {
        URI uri = server.resolve("/apis/coordination.k8s.io/v1/namespaces/" + namespace + "/leases/" + name);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/merge-patch+json").header("Accept", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
        if (Files.isReadable(tokenFile)) {
            req.header("Authorization", "Bearer " + Files.readString(tokenFile).strip());
        }
        HttpResponse<String> rsp;
        try {
            rsp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while patching lease " + namespace + "/" + name, e);
        }
        if (rsp.statusCode() / 100 != 2) {
            String body = rsp.body().strip();
            throw new IOException("PATCH lease " + namespace + "/" + name + ": HTTP " + rsp.statusCode() + " "
                    + (body.length() > ERROR_TEXT ? body.substring(0, ERROR_TEXT) + "…" : body));
        }
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
