package io.devws.sidecar.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-cluster path as a pod sees it: KUBERNETES_SERVICE_HOST/PORT, a token and ca.crt in the service-account
 * directory, an HTTPS API server on loopback whose certificate (made by the JDK's keytool) that CA signs.
 */
class LeaseApiTest {
    static final String PASS = "changeit";

    @TempDir
    Path dir;
    HttpsServer server;
    final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A self-signed certificate for 127.0.0.1 in {@code name}.p12, and its PEM in {@code name}.crt. */
    Path certificate(String name) throws Exception {
        return certificate(name, "ip:127.0.0.1");
    }

    Path certificate(String name, String san) throws Exception {
        Path ks = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", PASS, "-keypass", PASS);
        keytool("-exportcert", "-rfc", "-alias", "api", "-keystore", ks.toString(), "-storepass", PASS,
                "-file", dir.resolve(name + ".crt").toString());
        return ks;
    }

    static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    /** The answer the server gives: status, and whether its body goes chunked (length 0 in HttpExchange's terms). */
    volatile int status = 200;
    volatile String answer = "{}";
    volatile boolean chunked;

    int serve(Path keystore) throws Exception {
        return serve(keystore, InetAddress.getLoopbackAddress());
    }

    int serve(Path keystore, InetAddress address) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, PASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(address, 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", ex -> {
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + ex.getRequestHeaders().getFirst("Content-Type")
                    + " " + ex.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, chunked ? 0 : body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    Path serviceAccount(String caName) throws IOException {
        Path sa = Files.createDirectories(dir.resolve("sa-" + caName));
        Files.copy(dir.resolve(caName + ".crt"), sa.resolve("ca.crt"));
        Files.writeString(sa.resolve("token"), "pod-token\n");
        return sa;
    }

    @Test
    void patchesTheLeaseOverHttpsTrustingTheClustersCaWithThePodsToken() throws Exception {
        int port = serve(certificate("cluster"));
        LeaseApi api = LeaseApi.inCluster(Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
                "KUBERNETES_SERVICE_PORT", Integer.toString(port)), serviceAccount("cluster"));
        new ActivityLease(api, "team", "ws-devws-activity").renew(java.time.Instant.parse("2026-12-03T10:00:00Z"));
        assertThat(seen).containsExactly("PATCH /apis/coordination.k8s.io/v1/namespaces/team/leases/ws-devws-activity "
                + "application/merge-patch+json Bearer pod-token {\"spec\":{\"renewTime\":\"2026-12-03T10:00:00.000000Z\"}}");
    }

    @Test
    void anIpv6ServiceAddressIsCheckedAgainstTheCertificateToo() throws Exception {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            probe.getLocalPort();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("this machine has no IPv6 loopback: " + e.getMessage());
        }
        int port = serve(certificate("cluster", "ip:0:0:0:0:0:0:0:1"), InetAddress.getByName("::1"));
        LeaseApi api = LeaseApi.inCluster(Map.of("KUBERNETES_SERVICE_HOST", "::1",
                "KUBERNETES_SERVICE_PORT", Integer.toString(port)), serviceAccount("cluster"));
        api.mergePatch("team", "ws-devws-activity", "{}");
        assertThat(seen).singleElement().asString().startsWith("PATCH /apis/coordination.k8s.io/v1/namespaces/team/leases/");
    }

    @Test
    void aRefusalIsAnErrorWithTheApisMessageWhetherChunkedOrNot() throws Exception {
        int port = serve(certificate("cluster"));
        LeaseApi api = LeaseApi.inCluster(Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
                "KUBERNETES_SERVICE_PORT", Integer.toString(port)), serviceAccount("cluster"));
        status = 403;
        answer = "{\"kind\":\"Status\",\"message\":\"leases.coordination.k8s.io \\\"x\\\" is forbidden\"}";
        for (boolean c : new boolean[] {false, true}) {
            chunked = c;
            assertThatThrownBy(() -> api.mergePatch("team", "x", "{}")).isInstanceOf(IOException.class)
                    .hasMessage("PATCH lease team/x: HTTP 403 " + answer);
        }
        status = 200;
        answer = "x".repeat(100_000); // a long 2xx body is not read to its end
        chunked = true;
        api.mergePatch("team", "x", "{}");
        assertThat(seen).hasSize(3);
    }

    @Test
    void aCertificateForAnotherAddressIsRefusedEvenFromTheTrustedCa() throws Exception {
        int port = serve(certificate("cluster", "ip:127.0.0.2"));
        LeaseApi api = LeaseApi.inCluster(Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
                "KUBERNETES_SERVICE_PORT", Integer.toString(port)), serviceAccount("cluster"));
        // the handshake itself fails, on the name check: the CA is trusted, the address is not the certificate's
        assertThatThrownBy(() -> api.mergePatch("team", "ws-devws-activity", "{}")).isInstanceOf(IOException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class).hasRootCauseInstanceOf(CertificateException.class);
        assertThat(seen).isEmpty();
    }

    @Test
    void anApiServerTheCaDidNotSignIsRefused() throws Exception {
        int port = serve(certificate("impostor"));
        certificate("cluster");
        LeaseApi api = LeaseApi.inCluster(Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
                "KUBERNETES_SERVICE_PORT", Integer.toString(port)), serviceAccount("cluster"));
        assertThatThrownBy(() -> api.mergePatch("team", "ws-devws-activity", "{}")).isInstanceOf(IOException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class);
        assertThat(seen).as("no request reached the impostor").isEmpty();
    }

    @Test
    void outsideAPodItSaysWhatItNeeds() {
        assertThatThrownBy(() -> LeaseApi.inCluster(Map.of(), dir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KUBERNETES_SERVICE_HOST")
                .hasMessageContaining("--report-activity");
    }
}
