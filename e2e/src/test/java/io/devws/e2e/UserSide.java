package io.devws.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The developer's laptop: a temporary HOME with its own kubeconfig (namespace set, so `ssh ws.devws` names the
 * workspace), the ssh config devws config-ssh writes there, and a real ssh-agent holding a test key.
 * OpenSSH takes ~ from the passwd entry, not $HOME, so every ssh call gets -F and devws gets -Duser.home.
 */
public final class UserSide implements AutoCloseable {
    private final Path home;
    private final Path kubeconfig;
    private final Path devws;
    private Process agent;
    private Path agentSocket;
    private Path key;

    public UserSide(Path home, Path clusterKubeconfig, String namespace, Path devws) {
        this.home = home;
        this.devws = devws;
        try {
            Files.createDirectories(home.resolve(".kube"));
            Files.createDirectories(home.resolve(".ssh"));
            kubeconfig = home.resolve(".kube/config");
            Files.copy(clusterKubeconfig, kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Proc.of("kubectl", "--kubeconfig", kubeconfig.toString(), "config", "set-context", "--current",
                "--namespace=" + namespace).run().ok();
    }

    public Path home() {
        return home;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The devws launcher this user runs. */
    public Path devwsLauncher() {
        return devws;
    }

    public Path sshConfig() {
        return home.resolve(".ssh/config");
    }

    public Path knownHosts() {
        return home.resolve(".ssh/devws/known_hosts");
    }

    public Map<String, String> env() {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "HOME", home.toString(),
                "KUBECONFIG", kubeconfig.toString(),
                "DEVWS_JAVA_OPTS", "-Duser.home=" + home,
                // this user's tunnel agent (devws ssh --stdio starts it) lives in this HOME, stopped in close()
                "XDG_RUNTIME_DIR", home.resolve("run").toString()));
        if (agentSocket != null) {
            env.put("SSH_AUTH_SOCK", agentSocket.toString());
        }
        return env;
    }

    /** devws ARGS... as the user. */
    public Proc devws(String... args) {
        List<String> cmd = new ArrayList<>(List.of(devws.toString()));
        cmd.addAll(List.of(args));
        return Proc.of(cmd).env(env()).timeout(Duration.ofSeconds(180));
    }

    /** ssh -F ~/.ssh/config ARGS... (BatchMode: never prompts). */
    public Proc ssh(String... args) {
        return openssh("ssh", args);
    }

    public Proc scp(String... args) {
        return openssh("scp", args);
    }

    public Proc sftp(String... args) {
        return openssh("sftp", args);
    }

    private Proc openssh(String tool, String... args) {
        List<String> cmd = new ArrayList<>(List.of(tool, "-F", sshConfig().toString(), "-o", "BatchMode=yes"));
        cmd.addAll(List.of(args));
        return Proc.of(cmd).env(env()).timeout(Duration.ofSeconds(180));
    }

    /** Starts ssh-agent on a socket in HOME and adds a fresh ed25519 key; returns its fingerprint line. */
    public String startAgentWithKey() {
        try {
            agentSocket = home.resolve("agent.sock");
            agent = new ProcessBuilder("ssh-agent", "-D", "-a", agentSocket.toString())
                    .redirectErrorStream(true).redirectOutput(home.resolve("agent.log").toFile()).start();
            for (int i = 0; i < 100 && !Files.exists(agentSocket); i++) {
                Thread.sleep(50);
            }
            key = home.resolve("e2e_key");
            Proc.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "devws-e2e", "-f", key.toString()).run().ok();
            Proc.of("ssh-add", key.toString()).env("SSH_AUTH_SOCK", agentSocket.toString()).run().ok();
            return Proc.of("ssh-keygen", "-lf", key + ".pub").run().ok().out().strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String publicKey() {
        try {
            return Files.readString(Path.of(key + ".pub")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA256:... of the agent's key. */
    public String fingerprint() {
        return Proc.of("ssh-keygen", "-lf", key + ".pub").run().ok().out().split("\\s+")[1];
    }

    @Override
    public void close() throws InterruptedException {
        devws("agent", "stop").run();
        if (agent != null) {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
