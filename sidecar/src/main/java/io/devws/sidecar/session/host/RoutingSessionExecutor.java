package io.devws.sidecar.session.host;

import io.devws.sidecar.session.ProcessSpec;
import io.devws.sidecar.session.SessionExecutor;
import io.devws.sidecar.session.SessionProcess;
import io.devws.sidecar.session.SubsystemExecutor;
import io.devws.sidecar.unix.SocketEnd;
import io.devws.sidecar.unix.SocketSpace;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each session goes to the session host when it answers, else to the per-session exec executor:
 * never a broken session. A host that refuses a session is reported dead (the supervisor restarts it)
 * and that session still starts through the fallback.
 */
public final class RoutingSessionExecutor implements SubsystemExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingSessionExecutor.class);

    /**
     * Without the host, a subsystem is the dev image's own program run through one exec, found where
     * Debian, Fedora and Alpine put it; an image without one says so on the channel's stderr.
     */
    static final String EXEC_SFTP = "for p in /usr/lib/openssh/sftp-server /usr/libexec/openssh/sftp-server "
            + "/usr/lib/ssh/sftp-server /usr/libexec/sftp-server /usr/lib/sftp-server; do "
            + "[ -x \"$p\" ] && exec \"$p\"; done; echo 'devws: this dev image has no sftp-server (install openssh-sftp-server)' >&2; exit 127";

    private final HostSupervisor supervisor;
    private final SubsystemExecutor host;
    private final SessionExecutor fallback;

    public RoutingSessionExecutor(HostSupervisor supervisor, SubsystemExecutor host, SessionExecutor fallback) {
        this.supervisor = supervisor;
        this.host = host;
        this.fallback = fallback;
    }

    @Override
    public SessionProcess start(ProcessSpec spec) throws IOException {
        return route(host, fallback, spec);
    }

    @Override
    public SessionExecutor subsystem(String name) {
        if (!"sftp".equals(name)) {
            throw new IllegalArgumentException("no subsystem " + name);
        }
        // the host runs the dev image's sftp-server as the dev user; without it, one exec runs the same program
        SessionExecutor viaHost = host.subsystem(name);
        SessionExecutor viaExec = spec -> fallback.start(new ProcessSpec(EXEC_SFTP, spec.env(), spec.workdir(), null));
        return spec -> route(viaHost, viaExec, spec);
    }

    /**
     * The dev container's sockets through the host; without the host, forwarding is refused (the sidecar's own
     * sockets are not the workspace's, and exec has no way to hold a socket open).
     */
    @Override
    public SocketSpace sockets() {
        SocketSpace viaHost = host.sockets();
        return new SocketSpace() {
            @Override
            public SocketEnd connect(Path path) throws IOException {
                return available().connect(path);
            }

            @Override
            public Closeable listen(Path path, Consumer<SocketEnd> accepted) throws IOException {
                return available().listen(path, accepted);
            }

            private SocketSpace available() throws IOException {
                if (!supervisor.hostAlive()) {
                    throw new IOException("Unix-socket forwarding needs the session host, and sessions of this workspace "
                            + "run through exec: " + supervisor.path().reason());
                }
                return viaHost;
            }
        };
    }

    /** The host's user while sessions go through it; unknown on the exec path (exec runs as the image's user). */
    @Override
    public OptionalLong sessionUid() {
        return supervisor.path().viaHost() ? host.sessionUid() : OptionalLong.empty();
    }

    private SessionProcess route(SessionExecutor viaHost, SessionExecutor viaExec, ProcessSpec spec) throws IOException {
        if (supervisor.hostAlive()) {
            try {
                return viaHost.start(spec);
            } catch (IOException | RuntimeException e) {
                LOG.warn("the session host refused a session, using one exec for it: {}", e.toString());
                supervisor.hostDead();
            }
        }
        return viaExec.start(spec);
    }

    @Override
    public void close() {
        supervisor.close();
        host.close();
        fallback.close();
    }
}
