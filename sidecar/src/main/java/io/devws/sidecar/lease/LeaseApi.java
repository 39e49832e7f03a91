package io.devws.sidecar.lease;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The one API call the daemon makes itself: a JSON merge patch of its workspace's Lease, one HTTP/1.1 request
 * on its own TLS connection (the JDK's {@link SSLSocket}, the API server's name checked), with the pod's
 * service-account credentials found where client-go's {@code rest.InClusterConfig} finds them. No Kubernetes
 * client is loaded for it, nor the JDK's {@code java.net.http}: measured in a pod, a JVM that made these
 * calls through {@code HttpClient} held 21 MiB more than one that made none, through a plain TLS socket
 * 12 MiB (docs/benchmarks-sidecar.md, "A daemon without the Kubernetes client"). A call every 30 s at most
 * (while SSH is active) needs no pooled connection.
 */
public final class LeaseApi {
    /** Where the kubelet mounts the pod's service-account token and the cluster's CA. */
    public static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int ERROR_TEXT = 300;
    /** What is read of an error's body (its message is near the start). */
    private static final int BODY_LIMIT = 16 * 1024;

    private final URI server;
    private final Path tokenFile;
    private final SSLContext ssl;

    /**
     * @param server    {@code https://HOST:PORT}, or {@code http://} for a plain test server
     * @param tokenFile read on every call: bound service-account tokens are rotated by the kubelet
     * @param ssl       trusts the API server's certificate; null for a plain-HTTP test server
     */
    public LeaseApi(URI server, Path tokenFile, SSLContext ssl) {
        if ((ssl != null) != "https".equals(server.getScheme()) || server.getPort() < 0) {
            throw new IllegalArgumentException("an https URL with an SSL context, or an http one without: " + server);
        }
        this.server = server;
        this.tokenFile = tokenFile;
        this.ssl = ssl;
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
        String what = "lease " + namespace + "/" + name;
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("PATCH /apis/coordination.k8s.io/v1/namespaces/").append(namespace).append("/leases/").append(name)
                .append(" HTTP/1.1\r\nHost: ").append(server.getRawAuthority())
                .append("\r\nContent-Type: application/merge-patch+json\r\nAccept: application/json\r\nContent-Length: ")
                .append(body.length).append("\r\nConnection: close\r\n");
        if (Files.isReadable(tokenFile)) {
            head.append("Authorization: Bearer ").append(Files.readString(tokenFile).strip()).append("\r\n");
        }
        head.append("\r\n");
        HttpAnswer answer;
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            answer = HttpAnswer.read(new BufferedInputStream(s.getInputStream()), BODY_LIMIT);
        } catch (IOException e) {
            throw new IOException("PATCH " + what + " at " + server + ": " + e, e);
        }
        if (answer.status() / 100 != 2) {
            String text = answer.body().strip();
            throw new IOException("PATCH " + what + ": HTTP " + answer.status() + " "
                    + (text.length() > ERROR_TEXT ? text.substring(0, ERROR_TEXT) + "…" : text));
        }
    }

    /** A new connection, TLS with the server's name (or IP) checked against its certificate, as client-go does. */
    private Socket connect() throws IOException {
        String host = server.getHost();
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(host, server.getPort()), (int) TIMEOUT.toMillis());
            raw.setSoTimeout((int) TIMEOUT.toMillis());
            if (ssl == null) {
                return raw;
            }
            SSLSocket tls = (SSLSocket) ssl.getSocketFactory().createSocket(raw, host, server.getPort(), true);
            SSLParameters params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(params);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
