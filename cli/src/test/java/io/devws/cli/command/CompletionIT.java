package io.devws.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.cli.local.Launchers;
import io.devws.cli.local.LocalWorkspaces;
import io.devws.testing.Kubeconfigs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the built launchers (cli/target): workspace names (cluster and --local), contexts and output formats
 * completed by the real bash, zsh and fish with the scripts of {@code devws completion SHELL}, and by the real
 * kubectl's plugin completion ({@code kubectl devws <TAB>} runs {@code kubectl_complete-devws}).
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
    void zshCompletesWorkspaceNamesFromTheClusterAndLocal() throws Exception {
        new LocalWorkspaces(home).up("lima");
        Path script = script("zsh");
        Path driver = Path.of("src/test/resources/completion/zpty-complete.zsh").toAbsolutePath();
        Path out = home.resolve("zsh-lines.txt");
        // each line is typed into an interactive zsh, TAB pressed, and the edited line recorded
        Launchers.Result r = Launchers.run(home, shellEnv(), "zsh", "-f", driver.toString(), script.toString(), out.toString(),
                "devws status al", "devws status alph", "devws ssh --local li", "devws stat", "devws list -o y", "devws --context dev");
        assertThat(r.code()).as(r.err()).isZero();
        // alpha and alpine share "alp"; a unique prefix gets the whole name and a space
        assertThat(Files.readAllLines(out)).containsExactly("devws status alp", "devws status alpha ", "devws ssh --local lima ",
                "devws status ", "devws list -o yaml ", "devws --context devws-test ");
    }

    @Test
    void fishCompletesWorkspaceNamesFromTheClusterAndLocal() throws Exception {
        new LocalWorkspaces(home).up("lima");
        Path script = script("fish");
        // complete -C runs fish's own completion machinery on a command line, as TAB does
        String fish = "source " + script + "\n"
                + "echo '#status'; complete -C 'devws status al'\n"
                + "echo '#local'; complete -C 'devws ssh --local '\n"
                + "echo '#sub'; complete -C 'devws sta'\n"
                + "echo '#output'; complete -C 'devws list -o y'\n"
                + "echo '#context'; complete -C 'devws --context '\n";
        Launchers.Result r = Launchers.run(home, shellEnv(), "fish", "--no-config", "-c", fish);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("#status\nalpha\nalpine\n#local\nlima\n#sub\nstart\nstatus\n#output\nyaml\n#context\ndevws-test\n");
    }

    /** The script {@code devws completion SHELL} prints, in a file. */
    private Path script(String shell) throws Exception {
        Launchers.Result printed = Launchers.run(home, Map.of(), Launchers.devws("completion", shell));
        assertThat(printed.code()).as(printed.err()).isZero();
        return Files.writeString(home.resolve("devws." + shell), printed.out());
    }

    /** The shells find devws on PATH by its name, as a user's do, and the cluster by KUBECONFIG. */
    private Map<String, String> shellEnv() {
        return Map.of("KUBECONFIG", kubeconfig.toString(), "PATH", Launchers.DEVWS.getParent() + ":" + System.getenv("PATH"));
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
}
