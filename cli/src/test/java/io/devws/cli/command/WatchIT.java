package io.devws.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.cli.local.Launchers;
import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.Phase;
import io.devws.testing.Kubeconfigs;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code list -w} and {@code status -w} as real processes (the built launcher) against Fabric8's mock API server
 * (CRUD mode, whose watches follow the changes a client makes): each change printed as it happens, the process
 * still watching; a watch the API server ends (410 Gone), or an API server that goes away, ends the command with
 * one line and exit code 1.
 */
@EnableKubernetesMockClient(crud = true)
class WatchIT {
    static KubernetesClient client;
    static KubernetesMockServer server;
    @TempDir
    Path home;
    Path kubeconfig;

    @BeforeEach
    void workspaces() {
        Launchers.requireBuilt();
        kubeconfig = Kubeconfigs.write(home.resolve("kubeconfig"), client.getConfiguration().getMasterUrl(), "team");
        client.resources(DevWorkspace.class).inAnyNamespace().delete();
        for (String name : List.of("alpha", "beta")) {
            CliRun up = CliRun.run(home, "up", name, "--image", "img", "--no-wait", "--kubeconfig", kubeconfig.toString());
            assertThat(up.exitCode()).as(up.err()).isZero();
        }
    }

    @Test
    void listWatchPrintsEachChange() throws Exception {
        try (Watcher w = new Watcher(home, "list", "-w", "--kubeconfig", kubeconfig.toString())) {
            assertThat(w.next()).startsWith("NAME ");
            assertThat(w.next()).startsWith("alpha ");
            assertThat(w.next()).startsWith("beta ");
            CliRun stop = CliRun.run(home, "stop", "beta", "--kubeconfig", kubeconfig.toString());
            assertThat(stop.exitCode()).as(stop.err()).isZero();
            assertThat(w.next()).as("a row for the change").matches("beta +\\S+ +img .*");
            assertThat(w.process.isAlive()).as("still watching").isTrue();
        }
    }

    @Test
    void statusWatchPrintsTheWorkspaceAgainAtEachChange() throws Exception {
        try (Watcher w = new Watcher(home, "status", "alpha", "-w", "--kubeconfig", kubeconfig.toString())) {
            assertThat(w.until("Phase:")).matches("Phase: +Pending");
            DevWorkspace ws = client.resources(DevWorkspace.class).inNamespace("team").withName("alpha").get();
            DevWorkspaceStatus status = new DevWorkspaceStatus();
            status.setPhase(Phase.Running);
            status.setPodName("alpha-pod");
            ws.setStatus(status);
            client.resources(DevWorkspace.class).inNamespace("team").resource(ws).updateStatus();
            assertThat(w.until("Phase:")).as("the description again, with the new phase").matches("Phase: +Running");
            assertThat(w.until("Pod:")).matches("Pod: +alpha-pod");
            w.until("Message:"); // the description's last line
            // a change to another workspace is not this one's
            CliRun stop = CliRun.run(home, "stop", "beta", "--kubeconfig", kubeconfig.toString());
            assertThat(stop.exitCode()).as(stop.err()).isZero();
            assertThat(w.lines.poll(3, TimeUnit.SECONDS)).isNull();
            assertThat(w.process.isAlive()).as("still watching").isTrue();
        }
    }

    @Test
    void statusWatchEndsWithOneLineWhenTheApiServerEndsTheWatch() throws Exception {
        // a workspace the CRUD store does not hold (its own namespace), so that its version, and with it the watch's
        // request, are known: the API server answers that watch with the error event of a version too old
        String base = "/apis/devws.io/v1alpha1/namespaces/expired/devworkspaces";
        server.expect().get().withPath(base + "/old").andReturn(200, """
                {"apiVersion":"devws.io/v1alpha1","kind":"DevWorkspace",
                 "metadata":{"name":"old","namespace":"expired","resourceVersion":"41"},
                 "spec":{"container":{"image":"img"},"started":true}}""").always();
        server.expect().get().withPath(base + "?allowWatchBookmarks=true&fieldSelector=metadata.name%3Dold&resourceVersion=41&watch=true")
                .andUpgradeToWebSocket().open()
                .waitFor(500).andEmit(new WatchEventBuilder().withType("ERROR").withObject(new StatusBuilder().withCode(410)
                        .withReason("Expired").withMessage("too old resource version: 41 (97)").build()).build())
                .done().always();
        try (Watcher w = new Watcher(home, "status", "old", "-n", "expired", "-w", "--kubeconfig", kubeconfig.toString())) {
            assertThat(w.until("Name:")).contains("old");
            assertThat(w.process.waitFor(60, TimeUnit.SECONDS)).as("the command ends").isTrue();
            assertThat(w.process.exitValue()).isEqualTo(1);
            List<String> rest = w.rest();
            assertThat(rest).as("after the description").last().asString()
                    .startsWith("devws: the watch ended: the API server no longer has the changes since this listing (410 Gone")
                    .endsWith("run the command again");
            assertThat(rest).noneMatch(l -> l.contains("Exception") || l.startsWith("\tat "));
        }
    }

    @Test
    void statusWatchEndsWithOneLineWhenTheApiServerGoesAway() throws Exception {
        // an API server of its own, stopped while the watch runs
        KubernetesMockServer lone = new KubernetesMockServer(false);
        lone.init();
        String url;
        try (KubernetesClient c = lone.createClient()) {
            url = c.getConfiguration().getMasterUrl();
        }
        try {
            String base = "/apis/devws.io/v1alpha1/namespaces/team/devworkspaces";
            lone.expect().get().withPath(base + "/gone").andReturn(200, """
                    {"apiVersion":"devws.io/v1alpha1","kind":"DevWorkspace",
                     "metadata":{"name":"gone","namespace":"team","resourceVersion":"7"},
                     "spec":{"container":{"image":"img"},"started":true}}""").always();
            lone.expect().get().withPath(base + "?allowWatchBookmarks=true&fieldSelector=metadata.name%3Dgone&resourceVersion=7&watch=true")
                    .andUpgradeToWebSocket().open().done().always();
            Path config = Kubeconfigs.write(home.resolve("lone"), url, "team");
            try (Watcher w = new Watcher(home, "status", "gone", "-w", "--kubeconfig", config.toString())) {
                w.until("Message:");
                assertThat(w.lines.poll(2, TimeUnit.SECONDS)).as("watching quietly").isNull();
                lone.destroy();
                long t0 = System.nanoTime();
                assertThat(w.process.waitFor(90, TimeUnit.SECONDS)).as("the command gives up on the server").isTrue();
                assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).as("after its reconnects, ~30 s").isBetween(10L, 80L);
                assertThat(w.process.exitValue()).isEqualTo(1);
                List<String> rest = w.rest();
                assertThat(rest).as("after the description").last().asString()
                        .startsWith("devws: the watch lost the API server at " + url + " (")
                        .endsWith("check the network and the cluster, then run the command again");
                assertThat(rest).noneMatch(l -> l.contains("Exception") || l.startsWith("\tat "));
            }
        } finally {
            lone.destroy();
        }
    }

    /** {@code devws ARGS...} running, its output (stdout and stderr) line by line. */
    private static final class Watcher implements AutoCloseable {
        final Process process;
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private final Thread reader;

        Watcher(Path home, String... args) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(Launchers.devws(args));
            pb.environment().put("HOME", home.toString());
            process = pb.redirectErrorStream(true).start();
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    in.lines().forEach(lines::add);
                } catch (IOException e) {
                    // the process ended
                }
            });
            reader.start();
        }

        String next() throws InterruptedException {
            String line = lines.poll(60, TimeUnit.SECONDS);
            assertThat(line).as("a line, after: " + seen).isNotNull();
            seen.add(line);
            return line;
        }

        /** The next line that starts with {@code prefix}. */
        String until(String prefix) throws InterruptedException {
            for (String line = next(); ; line = next()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        /** What is left to read once the process has ended. */
        List<String> rest() throws InterruptedException {
            reader.join(10_000);
            List<String> rest = new ArrayList<>();
            lines.drainTo(rest);
            return rest;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
