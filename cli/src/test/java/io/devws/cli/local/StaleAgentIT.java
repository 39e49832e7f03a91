package io.devws.cli.local;

import static io.devws.cli.local.Launchers.devws;
import static org.assertj.core.api.Assertions.assertThat;

import io.devws.cli.local.Launchers.Result;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in client ({@code devws ssh NAME -A}) with a stale SSH_AUTH_SOCK, as after a logout or a killed agent:
 * the socket file gone, or still there with nobody listening. As OpenSSH, one warning line, agent forwarding off,
 * and the session runs (the workspace then has no agent: ssh-add there cannot connect).
 */
class StaleAgentIT {
    @TempDir
    static Path home;

    @BeforeAll
    static void up() throws Exception {
        Launchers.requireBuilt();
        Result up = Launchers.run(home, Map.of(), devws("up", "--local", "demo"));
        assertThat(up.code()).as(up.err()).isZero();
    }

    @AfterAll
    static void down() throws Exception {
        Launchers.run(home, Map.of(), devws("delete", "--local", "demo"));
    }

    @Test
    void aSocketFileThatIsGone() throws Exception {
        Path gone = home.resolve("gone/agent.sock");
        sessionRunsWithOneWarning(gone, "No such file or directory");
    }

    @Test
    void aSocketNobodyListensOn() throws Exception {
        Path dead = Files.createDirectories(home.resolve("dead")).resolve("agent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(dead));
        }
        assertThat(dead).as("the socket file stays after its listener closed").exists();
        sessionRunsWithOneWarning(dead, "Connection refused");
    }

    private void sessionRunsWithOneWarning(Path socket, String reason) throws Exception {
        String warning = "devws: warning: could not connect to agent \"" + socket + "\": " + reason
                + "; agent forwarding is off (is SSH_AUTH_SOCK stale? eval $(ssh-agent) && ssh-add)\n";
        // -A asks for it; without -A a set SSH_AUTH_SOCK asks for it too (as config-ssh's ForwardAgent yes)
        for (String[] args : new String[][] {{"ssh", "--local", "demo", "-A", "--", "echo ran; ssh-add -l >/dev/null 2>&1; echo agent=$?"},
                {"ssh", "--local", "demo", "--", "echo ran; ssh-add -l >/dev/null 2>&1; echo agent=$?"}}) {
            Result r = Launchers.run(home, Map.of("SSH_AUTH_SOCK", socket.toString()), devws(args));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).as("ssh-add cannot reach an agent in the workspace (exit 2)").isEqualTo("ran\nagent=2\n");
            assertThat(r.err()).isEqualTo(warning);
        }
    }
}
