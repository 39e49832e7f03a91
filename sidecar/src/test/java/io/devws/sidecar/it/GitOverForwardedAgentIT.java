package io.devws.sidecar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devws.sidecar.it.SidecarProcesses.Result;
import io.devws.testing.Listeners;
import io.devws.testing.StartedProcesses;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code git clone} over SSH from inside a session, authenticated only by the forwarded agent,
 * from Debian's OpenSSH sshd on a loopback port serving a bare repository.
 */
class GitOverForwardedAgentIT {
    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    SidecarProcesses sp;
    Path agentSocket;
    int gitPort;

    @BeforeEach
    void start() throws Exception {
        sp = new SidecarProcesses(tmp);
        sp.startDaemon();
        Path key = tmp.resolve("git_key");
        sp.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
        agentSocket = tmp.resolve("agent.sock");
        sp.start(new ProcessBuilder("ssh-agent", "-D", "-a", agentSocket.toString()).redirectOutput(new File("/dev/null")));
        await().atMost(T).until(() -> Files.exists(agentSocket));
        ProcessBuilder add = new ProcessBuilder("ssh-add", key.toString());
        add.environment().put("SSH_AUTH_SOCK", agentSocket.toString());
        assertThat(sp.run(add).code()).isZero();
        Files.delete(key); // from now on only the agent holds it

        Path repo = tmp.resolve("repo.git");
        Path seed = tmp.resolve("seed");
        sh("git init -q --bare " + repo + " && git init -q " + seed + " && cd " + seed
                + " && echo devws-git-ok > README && git add README"
                + " && git -c user.name=t -c user.email=t@t commit -q -m init && git push -q " + repo + " HEAD:master");
        startSshd(tmp.resolve("git_key.pub"));
    }

    @AfterEach
    void stop() {
        sp.close(); // daemon, ssh-agent and sshd
    }

    /**
     * sshd takes no port 0: a free port picked just before, and a new one if it was taken in between (sshd then
     * ends with "Cannot bind any address"). Ready when sshd itself holds the listener, not merely when the port
     * accepts (which another process that took it would do too).
     */
    private void startSshd(Path authorizedKey) throws Exception {
        Path hostKey = tmp.resolve("sshd_host_key");
        sp.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()));
        Files.createDirectories(Path.of("/run/sshd"));
        Path config = tmp.resolve("sshd_config");
        Path err = tmp.resolve("sshd.err");
        for (int attempt = 1; ; attempt++) {
            int port = OpenSshIT.freePort();
            Files.writeString(config, String.join("\n",
                    "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + hostKey,
                    "AuthorizedKeysFile " + authorizedKey, "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                    "UsePAM no", "StrictModes no", "PidFile none", "LogLevel ERROR", ""));
            Process sshd = sp.start(new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                    .redirectOutput(new File("/dev/null")).redirectError(err.toFile()));
            await("sshd itself listening on port " + port + " (or ended)").atMost(T)
                    .until(() -> Listeners.listensOn(sshd.toHandle(), port) || !sshd.isAlive());
            if (sshd.isAlive()) {
                gitPort = port;
                return;
            }
            assertThat(StartedProcesses.read(err)).as("sshd ended: only a port taken since it was picked is retried")
                    .contains("Address already in use");
            assertThat(attempt).as("ports taken again and again").isLessThan(3);
        }
    }

    private void sh(String script) throws Exception {
        Result r = sp.run(List.of("sh", "-c", script));
        assertThat(r.code()).as(r.err()).isZero();
    }

    private Result cloneInSession(boolean forwardAgent, String target) throws Exception {
        String git = "GIT_SSH_COMMAND='ssh -F /dev/null -p " + gitPort + " -o BatchMode=yes -o StrictHostKeyChecking=no"
                + " -o UserKnownHostsFile=/dev/null -o IdentityFile=/dev/null' git clone -q ssh://"
                + System.getProperty("user.name") + "@127.0.0.1" + tmp.resolve("repo.git") + " " + target
                + " && cat " + target + "/README";
        ProcessBuilder pb = sp.builder(sp.ssh(forwardAgent ? List.of("-A") : List.of("-a"), git))
                .redirectInput(new File("/dev/null"));
        pb.environment().put("SSH_AUTH_SOCK", agentSocket.toString());
        return sp.run(pb);
    }

    @Test
    void gitCloneThroughTheForwardedAgent() throws Exception {
        Result r = cloneInSession(true, "clone-a");
        assertThat(r.code()).as(r.err() + StartedProcesses.read(tmp.resolve("sshd.err"))).isZero();
        assertThat(r.out()).isEqualTo("devws-git-ok\n");
    }

    @Test
    void withoutAgentForwardingTheSameCloneIsRefused() throws Exception {
        Result r = cloneInSession(false, "clone-b");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("Permission denied");
    }
}
