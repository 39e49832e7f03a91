package io.devws.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.devws.model.DevWorkspace;
import io.devws.operator.model.Fixtures;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 500 DevWorkspaces created at once against the Fabric8 mock API server; the operator runs as its own
 * JVM (the packaged jar built with the bench profile, which only turns server-side apply off, as the
 * mock server cannot do it) so its RSS is its own. Run by operator/bench/run-benchmark.sh.
 */
class OperatorBenchmarkIT {
    static final int COUNT = Integer.getInteger("devws.bench.count", 500);
    static final String NS = "bench";
    static final Path JAR = Path.of("target/bench-app/quarkus-run.jar");
    /** JVM flags of the operator process; the default is a JVM under the chart's 512Mi limit with the recommended MaxRAMPercentage=30. */
    static final String JVM_ARGS = System.getProperty("devws.bench.jvm", "-XX:MaxRAM=512m -XX:MaxRAMPercentage=30");

    @Test
    void fiveHundredWorkspaces() throws Exception {
        assumeTrue(Boolean.getBoolean("devws.bench"), "benchmark: run operator/bench/run-benchmark.sh");
        assertThat(JAR).as("build it: operator/bench/run-benchmark.sh").exists();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        Process operator = null;
        try (KubernetesClient client = server.createClient()) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/fabric8/devworkspaces.devws.io-v1.yml")) {
                client.resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
            }
            client.resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
            Path kubeconfig = Files.createTempFile("bench-kubeconfig", ".yaml");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: mock, cluster: {server: "http://127.0.0.1:%d"}}]
                    contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: %s}}]
                    current-context: mock
                    users: [{name: mock, user: {token: bench}}]
                    """.formatted(server.getPort(), NS));
            int httpPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                httpPort = s.getLocalPort();
            }
            Path log = Path.of("target/bench-operator.log");
            List<String> cmd = new java.util.ArrayList<>(List.of("java"));
            cmd.addAll(List.of(JVM_ARGS.trim().split("\\s+")));
            cmd.addAll(List.of("-jar", JAR.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("KUBECONFIG", kubeconfig.toString());
            pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
            pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            operator = pb.start();
            waitFor(() -> Files.readString(log).contains("started in"), Duration.ofSeconds(60), "operator start");
            long rssIdle = rssKiB(operator.pid(), "VmRSS");

            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> creates = new java.util.ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                String name = "ws-" + i;
                creates.add(pool.submit(() -> client.resource(workspace(name)).create()));
            }
            for (Future<?> f : creates) {
                f.get();
            }
            pool.shutdown();
            double createdAt = (System.nanoTime() - t0) / 1e9;
            waitFor(() -> client.pods().inNamespace(NS).list().getItems().size() == COUNT, Duration.ofSeconds(300), "pods");
            double podsAt = (System.nanoTime() - t0) / 1e9;
            waitFor(() -> client.resources(DevWorkspace.class).inNamespace(NS).list().getItems().stream()
                    .filter(w -> w.getStatus() != null && w.getStatus().getPhase() != null && w.getStatus().getSsh() != null
                            && w.getStatus().getPodName() != null)
                    .count() == COUNT, Duration.ofSeconds(300), "statuses");
            double statusesAt = (System.nanoTime() - t0) / 1e9;
            long rss = rssKiB(operator.pid(), "VmRSS");
            long peak = rssKiB(operator.pid(), "VmHWM");
            String reconciles = metric(httpPort, "devws_reconciles_total\\{outcome=\"ok\"\\} ([0-9.E]+)");
            String retries = metric(httpPort, "devws_reconciles_total\\{outcome=\"retry\"\\} ([0-9.E]+)");
            String result = """
                    workspaces=%d
                    jvm_args=%s
                    create_requests_done_s=%.1f
                    all_pods_exist_s=%.1f
                    all_statuses_set_s=%.1f
                    operator_rss_idle_mib=%d
                    operator_rss_after_mib=%d
                    operator_rss_peak_mib=%d
                    reconciles_ok=%s
                    reconciles_retry=%s
                    """.formatted(COUNT, JVM_ARGS, createdAt, podsAt, statusesAt, rssIdle / 1024, rss / 1024, peak / 1024, reconciles, retries);
            Files.writeString(Path.of("target/benchmark-operator.txt"), result);
            System.out.println(result);
            assertThat(statusesAt).as("seconds until %d pods and statuses", COUNT).isLessThanOrEqualTo(60);
            assertThat(peak / 1024).as("operator peak RSS MiB").isLessThanOrEqualTo(300);
        } finally {
            if (operator != null) {
                operator.destroy();
                if (!operator.waitFor(20, TimeUnit.SECONDS)) {
                    operator.destroyForcibly();
                }
            }
            server.destroy();
        }
    }

    static DevWorkspace workspace(String name) {
        return Fixtures.imageOnly(NS, name);
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check, Duration timeout, String what) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    static long rssKiB(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException(field + " not found");
    }

    static String metric(int port, String regex) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile(regex).matcher(body);
        return m.find() ? m.group(1) : "0";
    }
}
