package io.devws.sidecar.session.kube;

import io.devws.transport.exec.ExecClient;
import io.devws.transport.exec.ExecExit;
import io.devws.transport.exec.ExecSpec;
import io.devws.transport.exec.ExecStream;
import io.devws.sidecar.session.ProcessSpec;
import io.devws.sidecar.session.SessionExecutor;
import io.devws.sidecar.session.SessionProcess;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs sessions in the pod's dev container through the Kubernetes exec API with the pod's own
 * ServiceAccount (docs/design-decisions.md, decision 3): PTY sessions as exec {@code tty=true} plus the
 * resize channel, others with stdout and stderr apart; exit codes from the status channel;
 * variables, working directory and the user's login shell through {@link SessionScript}.
 *
 * <p>What the exec API cannot carry, and what this executor does instead:
 * <ul>
 *   <li>signals ({@code ssh} "signal" requests, and the hang-up when a client goes away): a second
 *       exec runs {@code kill} on the session's process ({@link SessionScript#SIGNAL}); with a PTY,
 *       Ctrl-C, Ctrl-Z and Ctrl-\ are plain bytes the terminal turns into signals;</li>
 *   <li>stdin without a PTY passes through a relay ({@code cat} into a FIFO) that drains the
 *       exec's stdin once the command stopped reading: containerd sends the exit status only after
 *       its stdin copy ended, with any protocol ({@code kubectl exec -i POD -- head -c 10 < big}
 *       hangs on SPDY too). The client's EOF is the exec's stdin half-close where the negotiated
 *       protocol has one (WebSocket v5, SPDY: {@link ExecClient}); only on WebSocket v4, which has
 *       none (docs/kubernetes-quirks.md), it becomes a second exec that ends the relay once it passed every
 *       byte on ({@link SessionScript#STDIN_EOF}); with a PTY, EOF is Ctrl-D, a byte;</li>
 *   <li>a dead exec connection does not end the process: {@link SessionProcess#destroy()} sends it
 *       HUP (then KILL) by that second exec.</li>
 * </ul>
 */
public final class KubeSessionExecutor implements SessionExecutor {
    /** How long the client's EOF waits for a session's stdin relay that has not started yet. */
    static final int RELAY_START_SECONDS = 10;

    private final KubernetesClient client;
    private final ExecClient exec;
    private final KubeTarget target;
    private final boolean ownsClient;
    private final SessionSettings settings;

    /**
     * @param settingsDir a directory both containers see at this path (the pod's shared host-run volume), where
     *                    each session's settings wait for its wrapper: see {@link SessionScript}
     */
    public KubeSessionExecutor(KubernetesClient client, KubeTarget target, boolean ownsClient, Path settingsDir) {
        this(client, ExecClient.create(client), target, ownsClient, settingsDir);
    }

    KubeSessionExecutor(KubernetesClient client, ExecClient exec, KubeTarget target, boolean ownsClient, Path settingsDir) {
        this.client = client;
        this.exec = exec;
        this.target = target;
        this.ownsClient = ownsClient;
        this.settings = new SessionSettings(settingsDir);
    }

    @Override
    public SessionProcess start(ProcessSpec spec) throws IOException {
        String id = UUID.randomUUID().toString();
        KubeSessionProcess process = new KubeSessionProcess(this, id, spec.pty() != null);
        Path file = settings.write(id, SessionScript.settings(spec));
        try {
            boolean tty = spec.pty() != null;
            // with a TTY the kubelet merges stderr into stdout
            ExecStream stream = exec.open(exec(SessionScript.session(spec, id, file.toString()), true, !tty, tty), null);
            process.attach(stream);
            process.onExit().whenComplete((status, failure) -> settings.delete(file)); // the wrapper did, unless it never ran
            if (spec.pty() != null) {
                stream.resize(spec.pty().columns(), spec.pty().rows());
            }
            return process;
        } catch (RuntimeException e) {
            settings.delete(file);
            if (e instanceof KubernetesClientException) {
                throw new IOException("cannot exec into " + target + ": " + e.getMessage()
                        + " (the sidecar's ServiceAccount needs 'create' on 'pods/exec' for this pod)", e);
            }
            throw e;
        }
    }

    /** Runs a signal exec for a session and waits briefly for it; false when it found no process. */
    boolean signal(String sessionId, String name) {
        return helper(SessionScript.signal(sessionId, name), 10);
    }

    /** The client's EOF: ends a session's stdin relay after {@code bytes} bytes, waiting for a relay that has not started yet. */
    void endStdin(String sessionId, long bytes) {
        helper(SessionScript.stdinEof(sessionId, bytes, RELAY_START_SECONDS), 3600);
    }

    /** Clean-up once the command exited: ends a relay still running, waits for none. */
    void dropStdin(String sessionId) {
        helper(SessionScript.stdinEof(sessionId, 0, 0), 10);
    }

    private boolean helper(List<String> command, int timeoutSeconds) {
        try (ExecStream s = exec.open(exec(command, false, false, false), null)) {
            ExecExit exit = s.exit().get(timeoutSeconds, TimeUnit.SECONDS);
            return exit.code() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private ExecSpec exec(List<String> command, boolean stdin, boolean stderr, boolean tty) {
        return new ExecSpec(target.namespace(), target.pod(), target.container(), command, stdin, stderr, tty);
    }

    /** How session execs travel (negotiated protocol), once one was opened. */
    String describe(ExecStream stream) {
        return exec.describe(stream);
    }

    @Override
    public void close() {
        exec.close();
        if (ownsClient) {
            client.close();
        }
    }
}
