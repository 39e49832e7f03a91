package io.devws.cli.local;

import static io.devws.cli.local.Launchers.devws;
import static org.assertj.core.api.Assertions.assertThat;

import io.devws.cli.local.Launchers.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first journey, with no cluster: {@code devws up --local demo}, {@code config-ssh --local},
 * then the real OpenSSH client with a real ssh-agent through the launchers.
 */
class LocalJourneyIT {
    @TempDir
    Path home;
    TestAgent agent;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        Launchers.requireBuilt();
        agent = TestAgent.start(Files.createDirectories(home.resolve("agent")));
        env = Map.of("SSH_AUTH_SOCK", agent.socket().toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (Files.exists(home.resolve(".devws/local/demo"))) {
            Launchers.run(home, env, devws("delete", "--local", "demo"));
        }
        agent.close();
    }

    Result ssh(String... args) throws Exception {
        String[] all = new String[args.length + 5];
        all[0] = "ssh";
        all[1] = "-F";
        all[2] = home.resolve(".ssh/config").toString();
        all[3] = "-o";
        all[4] = "BatchMode=yes";
        System.arraycopy(args, 0, all, 5, args.length);
        return Launchers.run(home, env, all);
    }

    @Test
    void upConfigSshThenOpenSshWithAgentForwardingAndStrictHostKeys() throws Exception {
        Result up = Launchers.run(home, env, devws("up", "--local", "demo"));
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).contains("devws ssh --local demo");
        Result config = Launchers.run(home, env, devws("config-ssh", "--local"));
        assertThat(config.code()).as(config.err()).isZero();

        Result exec = ssh("demo.local.devws", "pwd; exit 7");
        assertThat(exec.code()).as(exec.err()).isEqualTo(7);
        assertThat(exec.out()).isEqualTo(home.resolve(".devws/local/demo/workspace") + "\n");

        Result agentList = ssh("-A", "demo.local.devws", "ssh-add -l");
        assertThat(agentList.code()).as(agentList.err()).isZero();
        assertThat(agentList.out()).contains(agent.fingerprint(), "devws-test-key");

        Result list = Launchers.run(home, env, devws("list", "--local"));
        assertThat(list.out()).containsPattern("demo +Running +local +pid \\d+");

        // a different pinned key: OpenSSH refuses (StrictHostKeyChecking yes)
        Path knownHosts = home.resolve(".ssh/devws/known_hosts");
        String pinned = Files.readString(knownHosts);
        Files.writeString(knownHosts, pinned.replaceAll("demo.local.devws ssh-ed25519 \\S+",
                "demo.local.devws ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"));
        Result refused = ssh("demo.local.devws", "true");
        assertThat(refused.code()).isEqualTo(255);
        assertThat(refused.err()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED");
        // config-ssh puts the right key back
        assertThat(Launchers.run(home, env, devws("config-ssh", "--local")).code()).isZero();
        assertThat(Files.readString(knownHosts)).isEqualTo(pinned);
        assertThat(ssh("demo.local.devws", "true").code()).isZero();

        long pid = Long.parseLong(Files.readString(home.resolve(".devws/local/demo/sshd/daemon.pid")).trim());
        Result delete = Launchers.run(home, env, devws("delete", "--local", "demo"));
        assertThat(delete.code()).as(delete.err()).isZero();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("daemon stopped").isFalse();
        assertThat(home.resolve(".devws/local/demo")).doesNotExist();
    }

    @Test
    void multiplexingSharesOneConnectionThroughTheProxyCommand() throws Exception {
        assertThat(Launchers.run(home, env, devws("up", "--local", "demo")).code()).isZero();
        Result config = Launchers.run(home, env, devws("config-ssh", "--local", "--multiplex", "60"));
        assertThat(config.code()).as(config.err()).isZero();
        try {
            Result first = ssh("demo.local.devws", "echo one");
            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.out()).isEqualTo("one\n");
            Result check = ssh("-O", "check", "demo.local.devws");
            assertThat(check.code()).as("a master outlives the first session: " + check.err()).isZero();
            assertThat(check.err()).contains("Master running");
            try (var sockets = Files.list(home.resolve(".ssh/devws"))) {
                Path socket = sockets.filter(p -> p.getFileName().toString().startsWith("cm-")).findFirst().orElseThrow();
                assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            Result second = ssh("demo.local.devws", "echo two; exit 3");
            assertThat(second.code()).as(second.err()).isEqualTo(3);
            assertThat(second.out()).isEqualTo("two\n");
        } finally {
            ssh("-O", "exit", "demo.local.devws");
        }
        assertThat(ssh("-O", "check", "demo.local.devws").code()).as("closed by -O exit").isNotZero();
    }

    @Test
    void anUnknownLocalWorkspaceIsOneLineAndSsh255() throws Exception {
        Result status = Launchers.run(home, env, devws("status", "--local", "nope"));
        assertThat(status.code()).isEqualTo(1);
        assertThat(status.err()).isEqualTo("devws: local workspace nope not found: create it with `devws up --local nope`\n");
        Result proxy = Launchers.run(home, env, devws("ssh", "--local", "--stdio", "nope.local.devws"));
        assertThat(proxy.code()).isEqualTo(255);
        assertThat(proxy.err()).isEqualTo("devws: local workspace nope not found: create it with `devws up --local nope`\n");
    }
}
