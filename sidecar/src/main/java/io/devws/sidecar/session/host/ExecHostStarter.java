package io.devws.sidecar.session.host;

import io.devws.sidecar.session.kube.KubeTarget;
import io.devws.transport.exec.ExecSpec;
import io.devws.transport.exec.ExecClient;
import io.devws.transport.exec.ExecStream;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts the host with one exec into the dev container and reads its one-line verdict from stderr. */
public final class ExecHostStarter implements HostStarter {
    /** The launcher checks the runtime (a JVM start) and waits for the socket: a few seconds at most. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int STDERR_LIMIT = 4096;

    private final KubernetesClient client;
    private final KubeTarget target;
    private final HostStartCommand command;
    private final ExecClient exec;

    public ExecHostStarter(KubernetesClient client, KubeTarget target, HostStartCommand command) {
        this.client = client;
        this.exec = ExecClient.create(client);
        this.target = target;
        this.command = command;
    }

    @Override
    public Optional<String> start() {
        BoundedBuffer stderr = new BoundedBuffer();
        ExecSpec spec = new ExecSpec(target.namespace(), target.pod(), target.container(), command.argv(), false, true, false);
        try (ExecStream w = exec.open(spec, stderr)) {
            int code = w.exit().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code();
            if (code == 0) {
                return Optional.empty();
            }
            return Optional.of(verdict(stderr.text(), code));
        } catch (KubernetesClientException e) {
            return Optional.of("cannot exec into " + target + ": " + e.getMessage());
        } catch (TimeoutException e) {
            return Optional.of("the session host did not start within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while starting the session host");
        } catch (Exception e) {
            return Optional.of("the start exec failed: " + e);
        }
    }

    /** The launcher's last stderr line says why; a shell's "not found" (127/126) means no runtime in the volume. */
    static String verdict(String stderr, int code) {
        return lastLine(stderr).orElse(code == 126 || code == 127
                ? "the session host's launcher cannot be run in the dev container (exit " + code + ")"
                : "the session host's start command failed (exit " + code + ")");
    }

    /** The last non-blank line of a process's stderr, where launchers put why they failed. */
    static Optional<String> lastLine(String stderr) {
        return stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b);
    }

    /** Stderr as it arrives, kept to its first few KiB. */
    private static final class BoundedBuffer extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (bytes.size() < STDERR_LIMIT) {
                bytes.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, Math.max(0, Math.min(len, STDERR_LIMIT - bytes.size())));
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
