package io.devws.sidecar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devws.sidecar.it.SidecarProcesses.Result;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real ssh-agent forwarded by real OpenSSH through the daemon, and the stable agent socket. */
class AgentForwardingIT {
    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    SidecarProcesses sp;

    @BeforeEach
    void start() throws Exception {
        sp = new SidecarProcesses(tmp);
        sp.startDaemon();
    }

    @AfterEach
    void stop() {
        sp.close();
    }

    /** A real ssh-agent in the foreground on its own socket, holding a fresh ed25519 key. */
    private Agent agent(String name) throws Exception {
        Path socket = tmp.resolve(name + ".agent");
        Path key = tmp.resolve(name + "_key");
        sp.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString()));
        sp.start(new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectOutput(new File("/dev/null")).redirectError(tmp.resolve(name + ".agent.err").toFile()));
        await().atMost(T).until(() -> Files.exists(socket));
        ProcessBuilder add = new ProcessBuilder("ssh-add", key.toString()).redirectInput(new File("/dev/null"));
        add.environment().put("SSH_AUTH_SOCK", socket.toString());
        assertThat(sp.run(add).code()).isZero();
        String fingerprint = sp.run(List.of("ssh-keygen", "-lf", key + ".pub")).out().split(" ")[1];
        return new Agent(socket, fingerprint);
    }

    private record Agent(Path socket, String fingerprint) {
    }

    private ProcessBuilder sshWithAgent(Agent agent, String remote) {
        ProcessBuilder pb = sp.builder(sp.ssh(List.of("-A"), remote)).redirectInput(new File("/dev/null"));
        pb.environment().put("SSH_AUTH_SOCK", agent.socket().toString());
        return pb;
    }

    /** {@code ssh-add -l} as a process SSH did not start, on the stable socket. */
    private Result listOnStableSocket() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("ssh-add", "-l").redirectInput(new File("/dev/null"));
        pb.environment().put("SSH_AUTH_SOCK", sp.agentDir.resolve("agent.sock").toString());
        Result r = sp.run(pb);
        return new Result(r.code(), r.out() + r.err(), "");
    }

    @Test
    void forwardedAgentListsTheKeyInTheSession() throws Exception {
        Agent a = agent("alice");
        Result r = sp.run(sshWithAgent(a, "echo $SSH_AUTH_SOCK; ssh-add -l"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(a.fingerprint()).contains(sp.agentDir.toString());
    }

    @Test
    void stableSocketFollowsTheNewestLiveConnection() throws Exception {
        assertThat(listOnStableSocket().out()).contains("The agent has no identities.");
        Agent a = agent("alice");
        Agent b = agent("bob");
        Process first = sp.start(sshWithAgent(a, "sleep 600"));
        await().atMost(T).until(() -> listOnStableSocket().out().contains(a.fingerprint()));
        Process second = sp.start(sshWithAgent(b, "sleep 600"));
        await().atMost(T).until(() -> listOnStableSocket().out().contains(b.fingerprint()));

        second.destroy();
        await().atMost(T).until(() -> listOnStableSocket().out().contains(a.fingerprint()));
        first.destroy();
        await().atMost(T).until(() -> listOnStableSocket().out().contains("The agent has no identities."));
        assertThat(sp.agentDir.toFile().list()).containsExactly("agent.sock");
    }
}
