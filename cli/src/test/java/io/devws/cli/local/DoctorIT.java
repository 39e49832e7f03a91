package io.devws.cli.local;

import static io.devws.cli.local.Launchers.devws;
import static org.assertj.core.api.Assertions.assertThat;

import io.devws.cli.local.Launchers.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code devws doctor --local}: every step passing, and failing where a step is broken on purpose. */
class DoctorIT {
    @TempDir
    static Path home;
    static TestAgent agent;
    static Map<String, String> env;

    @BeforeAll
    static void up() throws Exception {
        Launchers.requireBuilt();
        agent = TestAgent.start(Files.createDirectories(home.resolve("agent")));
        env = Map.of("SSH_AUTH_SOCK", agent.socket().toString());
        assertThat(Launchers.run(home, env, devws("up", "--local", "demo")).code()).isZero();
        assertThat(Launchers.run(home, env, devws("config-ssh", "--local")).code()).isZero();
    }

    @AfterAll
    static void down() throws Exception {
        Launchers.run(home, env, devws("delete", "--local", "demo"));
        agent.close();
    }

    @Test
    void everyStepPasses() throws Exception {
        Result r = Launchers.run(home, env, devws("doctor", "--local", "demo"));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(11).allMatch(l -> l.startsWith("✔ "));
        assertThat(r.out()).contains("✔ the sidecar answers SSH: SSH-2.0-", "✔ the workspace lists the same keys through the tunnel: 1 key(s)",
                "✔ ssh demo.local.devws goes through devws (ssh -G): ProxyCommand ", " ssh --local --stdio '%h'\n",
                "✔ OpenSSH forwards your agent to demo.local.devws: ssh -G shows forwardagent yes\n",
                "✔ ssh demo.local.devws lists the same keys (ssh-add -L through OpenSSH): 1 key(s)\n");
    }

    /** The OpenSSH side, as real ssh -G reads the config: no devws Include, then the user's ForwardAgent no winning. */
    @Test
    void theOpenSshSideFailsNamingItsFix() throws Exception {
        Path config = home.resolve(".ssh/config");
        String written = Files.readString(config);
        try {
            Files.writeString(config, "Host github.com\n  User git\n");
            Result none = Launchers.run(home, env, devws("doctor", "--local", "demo"));
            assertThat(none.code()).isEqualTo(1);
            assertThat(none.out()).contains("✘ ssh demo.local.devws goes through devws (ssh -G): `ssh -G demo.local.devws` shows no ProxyCommand"
                    + " (is devws's Include at the top of " + config + "?)\n    hint: run `devws config-ssh --local`\n",
                    "- OpenSSH forwards your agent to demo.local.devws: skipped (ssh does not go through devws)\n",
                    "✔ the sidecar answers SSH");

            String topInclude = "Include " + home.resolve(".ssh/devws/config") + "\n";
            assertThat(written).contains(topInclude);
            Files.writeString(config, written.replace(topInclude, topInclude + "\nHost *.devws\n  ForwardAgent no\n"));
            Result off = Launchers.run(home, env, devws("doctor", "--local", "demo"));
            assertThat(off.code()).isEqualTo(1);
            assertThat(off.out()).contains("✔ ssh demo.local.devws goes through devws (ssh -G)",
                    "✘ OpenSSH forwards your agent to demo.local.devws: ssh -G shows forwardagent no: your ssh config turns it off for"
                    + " demo.local.devws before devws's defaults\n    hint: remove that ForwardAgent no, or put `Host demo.local.devws` + `ForwardAgent yes` above it (or use ssh -A)\n",
                    "- ssh demo.local.devws lists the same keys (ssh-add -L through OpenSSH): skipped (OpenSSH does not go through devws"
                    + " or does not forward the agent (above))\n");
        } finally {
            Files.writeString(config, written);
        }
    }

    @Test
    void noLocalAgentFailsThatStepAndTheRemoteOnes() throws Exception {
        Result r = Launchers.run(home, Map.of("SSH_AUTH_SOCK", ""), devws("doctor", "--local", "demo"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("✘ the local ssh-agent is reachable and holds keys: SSH_AUTH_SOCK is not set\n    hint: start one");
    }

    @Test
    void anEmptyAgentFails() throws Exception {
        Path empty = home.resolve("empty-agent");
        Files.createDirectories(empty);
        Path socket = empty.resolve("a.sock");
        Process bare = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            org.awaitility.Awaitility.await("ssh-agent's socket " + socket).atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> Files.exists(socket) || !bare.isAlive());
            assertThat(socket).as("ssh-agent's socket").exists();
            Result r = Launchers.run(home, Map.of("SSH_AUTH_SOCK", socket.toString()), devws("doctor", "--local", "demo"));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.out()).contains("✘ the local ssh-agent is reachable and holds keys: the agent at " + socket + " holds no keys");
        } finally {
            bare.destroy();
        }
    }

    @Test
    void aStalePinnedKeyInKnownHostsFails() throws Exception {
        Path knownHosts = home.resolve(".ssh/devws/known_hosts");
        String real = Files.readString(knownHosts);
        Files.writeString(knownHosts, real.replaceAll("demo.local.devws ssh-ed25519 \\S+",
                "demo.local.devws ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"));
        try {
            Result r = Launchers.run(home, env, devws("doctor", "--local", "demo"));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.out()).containsPattern("✘ the host key matches the pinned one: .*known_hosts pins SHA256:\\S+ but the workspace has SHA256:")
                    .contains("hint: run devws config-ssh to pin the current key");
        } finally {
            Files.writeString(knownHosts, real);
        }
    }

    @Test
    void aDeadSidecarFails() throws Exception {
        Result r = Launchers.run(home, Map.of("SSH_AUTH_SOCK", agent.socket().toString(), "DEVWS_SIDECAR", "/nonexistent/devws-sidecar",
                "PATH", "/usr/bin:/bin"), devws("doctor", "--local", "demo"));
        // the daemon may still run from an earlier test; stop it so the doctor must start one
        assertThat(r.code()).isIn(0, 1);
        Launchers.run(home, env, devws("stop", "--local", "demo"));
        Result stopped = Launchers.run(home, Map.of("SSH_AUTH_SOCK", agent.socket().toString(), "DEVWS_SIDECAR", "/nonexistent/devws-sidecar",
                "PATH", "/usr/bin:/bin"), devws("doctor", "--local", "demo"));
        assertThat(stopped.code()).isEqualTo(1);
        assertThat(stopped.out()).startsWith("✘ workspace demo is running: DEVWS_SIDECAR=/nonexistent/devws-sidecar is not an executable file")
                .contains("- the sidecar answers SSH: skipped (no exec into the workspace)");
    }
}
