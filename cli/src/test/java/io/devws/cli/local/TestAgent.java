package io.devws.cli.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real OpenSSH ssh-agent (foreground, so the test owns and ends its process) holding one fresh key. */
public final class TestAgent implements AutoCloseable {
    private final Process process;
    private final Path socket;
    private final String fingerprint;

    private TestAgent(Process process, Path socket, String fingerprint) {
        this.process = process;
        this.socket = socket;
        this.fingerprint = fingerprint;
    }

    public static TestAgent start(Path dir) throws IOException, InterruptedException {
        Path socket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(20);
        }
        Path key = dir.resolve("agent_key");
        exec(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "devws-test-key", "-f", key.toString());
        ProcessBuilder add = new ProcessBuilder("ssh-add", key.toString());
        add.environment().put("SSH_AUTH_SOCK", socket.toString());
        if (add.redirectErrorStream(true).start().waitFor() != 0) {
            agent.destroy();
            throw new IOException("ssh-add failed");
        }
        String fp = new String(new ProcessBuilder("ssh-keygen", "-lf", key + ".pub").start().getInputStream().readAllBytes()).split(" ")[1];
        return new TestAgent(agent, socket, fp);
    }

    private static void exec(Path dir, String... command) throws IOException, InterruptedException {
        if (new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() != 0) {
            throw new IOException("failed: " + String.join(" ", command));
        }
    }

    public Path socket() {
        return socket;
    }

    /** SHA256:... of the key it holds. */
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
