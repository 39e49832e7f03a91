package io.devws.sidecar.session.host;

import io.devws.host.client.HostClient;
import io.devws.host.protocol.StartRequest;
import io.devws.model.SidecarContract;
import io.devws.sidecar.config.SidecarConfig;
import io.devws.sidecar.session.ProcessSpec;
import io.devws.sidecar.session.SessionExecutor;
import io.devws.sidecar.session.SessionProcess;
import io.devws.sidecar.session.SubsystemExecutor;
import io.devws.sidecar.unix.SocketSpace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Runs sessions through the session host in the dev container (docs/session-host.md): one Unix-socket
 * connection per session, no Kubernetes exec. The host applies the user's shell, home and environment.
 */
public final class HostSessionExecutor implements SubsystemExecutor {
    private final HostClient client;
    private final Path agentSocket;
    private volatile OptionalLong uid = OptionalLong.empty();

    /** @param agentSocket what sessions see as SSH_AUTH_SOCK when the client forwards its agent */
    public HostSessionExecutor(HostClient client, Path agentSocket) {
        this.client = client;
        this.agentSocket = agentSocket;
    }

    /** {@code DEVWS_HOST_SOCKET}, default {@link SidecarContract#HOST_SOCKET}. */
    public static HostSessionExecutor fromEnvironment(SidecarConfig config) {
        String socket = System.getenv(SidecarContract.ENV_HOST_SOCKET);
        return new HostSessionExecutor(new HostClient(Path.of(socket == null || socket.isBlank()
                ? SidecarContract.HOST_SOCKET : socket)), config.agentSocket());
    }

    public HostClient client() {
        return client;
    }

    /** The host's uid, asked once it answers (a connect and a hello, well under a millisecond) and kept. */
    @Override
    public OptionalLong sessionUid() {
        if (uid.isEmpty()) {
            try {
                uid = OptionalLong.of(client.hostUid());
            } catch (IOException e) {
                return OptionalLong.empty();
            }
        }
        return uid;
    }

    @Override
    public SessionProcess start(ProcessSpec spec) throws IOException {
        return new HostSessionProcess(client.start(request(spec)));
    }

    /**
     * Sessions of an SSH subsystem ("sftp"): the host runs the dev image's own program for it, as the
     * user, so nothing of the sidecar's file system is reachable.
     */
    @Override
    public SessionExecutor subsystem(String name) {
        return spec -> new HostSessionProcess(client.start(StartRequest.subsystem(name, request(spec).env(), spec.workdir())));
    }

    /** The dev container's sockets, as its user: the host connects and listens there. */
    @Override
    public SocketSpace sockets() {
        return new HostSockets(client);
    }

    StartRequest request(ProcessSpec spec) {
        Map<String, String> env = new HashMap<>(spec.env());
        String term = null;
        if (spec.pty() != null) {
            term = env.getOrDefault("TERM", "dumb");
        }
        env.remove("TERM");
        if (env.containsKey("SSH_AUTH_SOCK")) {
            // the stable socket: still valid in a tmux or screen started from this session after it ends
            env.put("SSH_AUTH_SOCK", agentSocket.toString());
        }
        ProcessSpec.PtySize pty = spec.pty();
        return new StartRequest(spec.command(), env, spec.workdir(), term,
                pty == null ? 0 : pty.columns(), pty == null ? 0 : pty.rows(), pty == null ? Map.of() : pty.modes());
    }
}
