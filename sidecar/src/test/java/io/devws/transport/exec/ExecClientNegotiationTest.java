package io.devws.transport.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devws.model.SidecarContract;
import io.devws.testing.ExecTestServer;
import io.devws.testing.ExecTestServer.Offer;
import io.devws.testing.TestWorkspaces;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ExecClient} against the exec test server offering only WebSocket v4, SPDY (+ v4), or
 * v5 (+ SPDY + v4): it must pick the best protocol offered and move bytes, exit codes, stdin EOF
 * and resizes over each, real processes behind them.
 */
@Timeout(90)
class ExecClientNegotiationTest {
    private ExecTestServer server;
    private KubernetesClient kube;
    private ExecClient client;

    private void start(Offer offer) {
        server = ExecTestServer.start(offer);
        kube = server.client();
        kube.pods().inNamespace("ns").resource(TestWorkspaces.pod("ns", "ws", true)).create();
        client = new ExecClient(kube, ExecProtocol.NEGOTIATION, ExecTls.Mode.AUTO);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (kube != null) {
            kube.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static ExecProtocol expected(Offer offer) {
        return switch (offer) {
            case V4 -> ExecProtocol.WEBSOCKET_V4;
            case SPDY -> ExecProtocol.SPDY;
            case V5 -> ExecProtocol.WEBSOCKET_V5;
        };
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void picksTheBestOfferedProtocolAndSeparatesOutputAndExitCode(Offer offer) throws Exception {
        start(offer);
        try (ExecStream s = client.open(spec(false, true, "sh", "-c", "echo out; echo err >&2; exit 3"), null)) {
            assertThat(s.protocol()).isEqualTo(expected(offer));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(s.stderr()));
            assertThat(readAll(s.stdout())).isEqualTo("out\n");
            assertThat(err.get(10, TimeUnit.SECONDS)).isEqualTo("err\n");
            ExecExit exit = s.exit().get(10, TimeUnit.SECONDS);
            assertThat(exit.code()).isEqualTo(3);
            assertThat(exit.status().getReason()).isEqualTo("NonZeroExitCode");
        }
        // the preferred protocol goes first next time, and still works
        try (ExecStream s = client.open(spec(false, false, "true"), null)) {
            assertThat(s.protocol()).isEqualTo(expected(offer));
            assertThat(s.exit().get(10, TimeUnit.SECONDS).code()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Offer.class, names = {"SPDY", "V5"})
    void closingStdinGivesTheProcessEof(Offer offer) throws Exception {
        start(offer);
        try (ExecStream s = client.open(spec(false, false, "sh", "-c", "wc -c; echo done"), null)) {
            assertThat(s.protocol().halfClose()).isTrue();
            s.stdin().write("hello".getBytes(StandardCharsets.UTF_8));
            s.stdin().close();
            assertThat(readAll(s.stdout()).trim()).isEqualTo("5\ndone");
            assertThat(s.exit().get(10, TimeUnit.SECONDS).code()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void movesMegabytesBothWaysIntact(Offer offer) throws Exception {
        start(offer);
        byte[] data = new byte[8 * 1024 * 1024];
        new Random(42).nextBytes(data);
        // head -c: ends after the bytes also where stdin cannot be half-closed (v4)
        try (ExecStream s = client.open(spec(false, false, "head", "-c", Integer.toString(data.length)), null)) {
            CompletableFuture<byte[]> back = CompletableFuture.supplyAsync(() -> readBytes(s.stdout()));
            OutputStream in = s.stdin();
            for (int off = 0; off < data.length; off += 100_000) {
                in.write(data, off, Math.min(100_000, data.length - off));
            }
            in.flush();
            byte[] got = back.get(60, TimeUnit.SECONDS);
            assertThat(got.length).isEqualTo(data.length);
            assertThat(MessageDigest.getInstance("SHA-256").digest(got)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
            assertThat(s.exit().get(10, TimeUnit.SECONDS).code()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void ttyFollowsResize(Offer offer) throws Exception {
        start(offer);
        // the size before the resize is the server's default: wait until it is the one asked for
        try (ExecStream s = client.open(spec(true, false, "sh", "-c",
                "i=0; while [ \"$(stty size)\" != \"43 132\" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; stty size"), null)) {
            s.resize(132, 43);
            assertThat(readAll(s.stdout())).contains("43 132");
            assertThat(s.exit().get(10, TimeUnit.SECONDS).code()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void refusalsKeepTheApiServersStatus(Offer offer) {
        start(offer);
        assertThatThrownBy(() -> client.open(new ExecSpec("ns", "nope", SidecarContract.DEV_CONTAINER, List.of("true"),
                false, false, false), null))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        server.denyExec(true);
        assertThatThrownBy(() -> client.open(spec(false, false, "true"), null))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }

    @Test
    void anUnknownProgramEndsWithoutAnExitCode() throws Exception {
        start(Offer.SPDY);
        try (ExecStream s = client.open(spec(false, false, "no-such-program-devws"), null)) {
            assertThat(s.exit().get(10, TimeUnit.SECONDS).code()).isEqualTo(-1);
        }
    }

    @Test
    void aLimitedProtocolListIsKept() throws Exception {
        start(Offer.V5);
        try (ExecClient spdyOnly = new ExecClient(kube, ExecProtocol.parseList("spdy"), ExecTls.Mode.AUTO);
                ExecStream s = spdyOnly.open(spec(false, false, "true"), null)) {
            assertThat(s.protocol()).isEqualTo(ExecProtocol.SPDY);
            assertThat(spdyOnly.describe(s)).startsWith("spdy/3.1+v4.channel.k8s.io, no TLS");
        }
    }

    @Test
    void aLostConnectionFailsTheExit() throws Exception {
        start(Offer.SPDY);
        try (ExecStream s = client.open(spec(false, false, "sleep", "30"), null)) {
            server.stop();
            assertThatThrownBy(() -> s.exit().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        }
    }

    private static ExecSpec spec(boolean tty, boolean stderr, String... command) {
        return new ExecSpec("ns", "ws", SidecarContract.DEV_CONTAINER, List.of(command), true, stderr, tty);
    }

    private static String readAll(InputStream in) {
        return new String(readBytes(in), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static byte[] readBytes(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
