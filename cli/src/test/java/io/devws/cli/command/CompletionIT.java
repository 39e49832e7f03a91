package io.devws.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.cli.local.Launchers;
import io.devws.testing.Kubeconfigs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the built launchers (cli/target): workspace names completed by the real bash with the script of
 * {@code devws completion bash}, and by the real kubectl's plugin completion ({@code kubectl devws <TAB>} runs
 * {@code kubectl_complete-devws}); {@code list -w} printing a change as it happens.
 */
@EnableKubernetesMockClient(crud = true)
class CompletionIT {
    static KubernetesClient client;
    static KubernetesMockServer server;
    @TempDir
    Path home;
    Path kubeconfig;

    @BeforeAll
    static void discovery() throws Exception {
        KubectlConventionsIT.discovery(server);
    }

    @BeforeEach
    void workspaces() {
        kubeconfig = Kubeconfigs.write(home.resolve("kubeconfig"), client.getConfiguration().getMasterUrl(), "team");
        client.resources(io.devws.model.DevWorkspace.class).inAnyNamespace().delete();
        for (String name : List.of("alpha", "alpine", "beta")) {
            CliRun up = CliRun.run(home, "up", name, "--image", "img", "--no-wait", "--kubeconfig", kubeconfig.toString());
            assertThat(up.exitCode()).as(up.err()).isZero();
        }
        Launchers.requireBuilt();
    }

    @Test
    void bashCompletesWorkspaceNamesFromTheCluster() throws Exception {
        Path script = home.resolve("devws.bash");
        Files.writeString(script, Launchers.run(home, Map.of(), Launchers.devws("completion", "bash")).out());
        String bash = "source " + script + "\n"
                + "complete_words() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); _devws_complete; printf '%s\\n' \"${COMPREPLY[@]}\"; }\n"
                + "echo '#status'; complete_words " + Launchers.DEVWS + " status al\n"
                + "echo '#sub'; complete_words " + Launchers.DEVWS + " sta\n"
                + "echo '#output'; complete_words " + Launchers.DEVWS + " list -o y\n"
                + "echo '#context'; complete_words " + Launchers.DEVWS + " --context ''\n";
        Launchers.Result r = Launchers.run(home, Map.of("KUBECONFIG", kubeconfig.toString()), "bash", "-c", bash);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("#status\nalpha\nalpine\n#sub\nstart\nstatus\n#output\nyaml\n#context\ndevws-test\n");
    }

    @Test
    void kubectlDevwsCompletesThroughThePluginCompletionHook() throws Exception {
        Path bin = Launchers.DEVWS.getParent();
        assertThat(bin.resolve("kubectl_complete-devws")).isExecutable();
        Launchers.Result r = Launchers.run(home, Map.of("KUBECONFIG", kubeconfig.toString(), "PATH", bin + ":" + System.getenv("PATH")),
                "kubectl", "__complete", "devws", "logs", "b");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).startsWith("beta").contains(":4");
    }

    @Test
    void listWatchPrintsEachChange() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Launchers.devws("list", "-w", "--kubeconfig", kubeconfig.toString()));
        pb.environment().put("HOME", home.toString());
        Process p = pb.redirectErrorStream(true).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.start();
        try {
            List<String> seen = new ArrayList<>();
            while (seen.size() < 4) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("the listing, so far: " + seen).isNotNull();
                seen.add(line);
            }
            assertThat(seen.get(0)).startsWith("NAME ");
            CliRun stop = CliRun.run(home, "stop", "beta", "--kubeconfig", kubeconfig.toString());
            assertThat(stop.exitCode()).as(stop.err()).isZero();
            String change = lines.poll(60, TimeUnit.SECONDS);
            assertThat(change).as("a row for the change").isNotNull().matches("beta +\\S+ +img .*");
            assertThat(p.isAlive()).as("still watching").isTrue();
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
