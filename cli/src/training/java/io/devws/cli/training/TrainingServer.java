package io.devws.cli.training;

import io.devws.transport.exec.ExecProtocol;
import io.devws.transport.exec.PodExec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in API server for the build's class-data training only (never at run time): HTTPS with a
 * throw-away self-signed certificate from the JDK's keytool, the Ready pod of workspace {@code ws}
 * in namespace {@code training}, and {@code pods/exec} over WebSocket {@code v5.channel.k8s.io} (the
 * exec client's first offer, what current API servers take; {@code v4} also accepted) answering with an
 * SSH banner and a Success status. So the archive holds the classes a real
 * ProxyCommand loads: kubeconfig, TLS and certificate checks, the HTTP client, the exec stream.
 */
final class TrainingServer implements AutoCloseable {
    static final String NAMESPACE = "training";
    static final String WORKSPACE = "ws";
    private static final String PASSWORD = "devws-training";
    private static final String KEYSTORE = "training.p12";
    private static final String CERTIFICATE = "training.pem";
    private static final String KUBECONFIG = "kubeconfig";
    private static final String POD_JSON = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"ws\",\"namespace\":\"training\","
            + "\"labels\":{\"devws.io/workspace\":\"ws\"}},\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}";

    private final Vertx vertx;
    private final HttpServer server;
    private final Path dir;

    private TrainingServer(Vertx vertx, HttpServer server, Path dir) {
        this.vertx = vertx;
        this.server = server;
        this.dir = dir;
    }

    /** Starts on a free loopback port, with its certificate and a kubeconfig for it in a new temporary directory. */
    static TrainingServer start() throws Exception {
        Path dir = Files.createTempDirectory("devws-training");
        try {
            return start(dir);
        } catch (Exception | Error e) {
            delete(dir);
            throw e;
        }
    }

    private static TrainingServer start(Path dir) throws Exception {
        Path keystore = dir.resolve(KEYSTORE);
        Path cert = dir.resolve(CERTIFICATE);
        keytool("-genkeypair", "-alias", "training", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=devws-training",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "training", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword(PASSWORD))
                .setWebSocketSubProtocols(List.of(ExecProtocol.WEBSOCKET_V5.version(), PodExec.PROTOCOL)));
        server.webSocketHandler(ws -> {
            ws.writeBinaryMessage(Buffer.buffer().appendBytes(frame(1, "SSH-2.0-devws-training\r\n")));
            ws.writeBinaryMessage(Buffer.buffer().appendBytes(frame(3, "{\"metadata\":{},\"status\":\"Success\"}")));
            ws.close();
        });
        server.requestHandler(req -> req.response().putHeader("Content-Type", "application/json").end(POD_JSON));
        server.listen().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        String pem = Files.readString(cert);
        String ca = java.util.Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve(KUBECONFIG), String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: training",
                "  cluster:",
                "    server: https://127.0.0.1:" + server.actualPort(),
                "    certificate-authority-data: " + ca,
                "users:",
                "- name: training",
                "  user:",
                "    token: training",
                "contexts:",
                "- name: training",
                "  context:",
                "    cluster: training",
                "    user: training",
                "    namespace: " + NAMESPACE,
                "current-context: training",
                ""));
        return new TrainingServer(vertx, server, dir);
    }

    Path kubeconfig() {
        return dir.resolve(KUBECONFIG);
    }

    private static byte[] frame(int channel, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        return PodExec.frame(channel, data, 0, data.length);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool " + args[0] + " failed");
        }
    }

    @Override
    public void close() {
        server.close();
        vertx.close();
        delete(dir);
    }

    /** Removes the files this server wrote (the keystore, its certificate, the kubeconfig) and their directory. */
    private static void delete(Path dir) {
        for (String name : new String[] {KEYSTORE, CERTIFICATE, KUBECONFIG, ""}) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException e) {
                // a temporary directory of the build
            }
        }
    }
}
