package io.devws.sidecar.session.host;

import java.nio.file.Path;

/**
 * The daemon's client side of the session host protocol (docs/session-host.md), found through
 * {@code META-INF/services}: a session executor talking to the host's socket, and its liveness check.
 * Without a provider on the class path, sessions take the exec path and the pod says why.
 */
public interface HostClientProvider {
    io.devws.sidecar.session.SessionExecutor executor(Path socket);

    HostProbe probe(Path socket);
}
