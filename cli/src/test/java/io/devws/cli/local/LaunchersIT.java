package io.devws.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.cli.local.Launchers.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped launchers: kubectl plugin discovery, shell completion, version. */
class LaunchersIT {
    @TempDir
    Path home;

    @Test
    void kubectlFindsAndRunsThePlugin() throws Exception {
        Map<String, String> env = Map.of("PATH", Launchers.DEVWS.getParent() + ":" + System.getenv("PATH"), "KUBECONFIG", home.resolve("none").toString());
        Result list = Launchers.run(home, env, "kubectl", "plugin", "list");
        assertThat(list.out()).contains(Launchers.DEVWS.getParent().resolve("kubectl-devws").toString());
        Result version = Launchers.run(home, env, "kubectl", "devws", "--version");
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("devws ");
        Result help = Launchers.run(home, env, "kubectl", "devws", "--help");
        assertThat(help.out()).contains("config-ssh", "doctor", "up", "list", "status", "ssh");
    }

    @Test
    void bashCompletionIsGeneratedAndLoads() throws Exception {
        Result script = Launchers.run(home, Map.of(), Launchers.devws("completion", "bash"));
        assertThat(script.code()).as(script.err()).isZero();
        Path file = Files.writeString(home.resolve("devws-completion.bash"), script.out());
        Result loaded = Launchers.run(home, Map.of(), "bash", "-c", "source " + file + " && complete -p devws");
        assertThat(loaded.code()).as(loaded.err()).isZero();
        assertThat(loaded.out()).contains("devws");
        // the completion function offers the subcommands
        Result words = Launchers.run(home, Map.of(), "bash", "-c", "source " + file
                + " && COMP_WORDS=(" + Launchers.DEVWS + " con) && COMP_CWORD=1 && _devws_complete && echo \"${COMPREPLY[@]}\"");
        assertThat(words.out()).contains("config-ssh");
    }

    @Test
    void onlyASharedConnectionsTunnelGetsTheFullJit() throws Exception {
        // -version after the launcher's options: the JVM prints its final flags and exits before main
        Map<String, String> env = Map.of("DEVWS_JAVA_OPTS", "-XX:+PrintFlagsFinal -version");
        assertThat(Launchers.run(home, env, Launchers.devws("ssh", "--stdio", "ws.devws")).out())
                .containsPattern("TieredStopAtLevel += 1 ");
        assertThat(Launchers.run(home, env, Launchers.devws("ssh", "--stdio", "--shared", "ws.devws")).out())
                .containsPattern("TieredStopAtLevel += 4 ");
        assertThat(Launchers.run(home, env, Launchers.devws("list", "--shared")).out())
                .as("--shared means nothing without --stdio").containsPattern("TieredStopAtLevel += 1 ");
    }

    /** Java 25 on PATH (no JAVA_HOME): the launcher finds its version, uses the AOT cache, and prints nothing but the output. */
    @Test
    void anotherJavaOnPathStartsWithoutWarnings() throws Exception {
        Path java25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(java25.resolve("bin/java")),
                "needs Temurin 25 at " + java25 + " (this machine has it)");
        Map<String, String> env = Map.of("PATH", java25.resolve("bin") + ":" + System.getenv("PATH"), "JAVA_HOME", "");
        Result version = Launchers.run(home, env, Launchers.devws("--version"));
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.err()).as("no Unsafe or class-data warnings on stderr").isEmpty();
        Result flags = Launchers.run(home, Map.of("PATH", env.get("PATH"), "JAVA_HOME", "",
                "DEVWS_JAVA_OPTS", "-XX:+PrintFlagsFinal -version"), Launchers.devws("--version"));
        assertThat(flags.out()).containsPattern("AOTCache += \\S*devws.aot");
    }

    @Test
    void badUsageIsExitCode2AndAHint() throws Exception {
        Result r = Launchers.run(home, Map.of(), Launchers.devws("frobnicate"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument");
    }
}
