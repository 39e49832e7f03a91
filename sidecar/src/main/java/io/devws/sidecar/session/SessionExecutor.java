package io.devws.sidecar.session;

import java.io.IOException;

/**
 * Starts the processes of SSH sessions somewhere: {@code local} (pty4j, in the sidecar's own
 * environment) or {@code kube} (Kubernetes exec into the pod's dev container). The SSH side
 * (channels, requests) is the same for both; only this interface differs.
 */
public interface SessionExecutor extends AutoCloseable {
    SessionProcess start(ProcessSpec spec) throws IOException;

    @Override
    default void close() {
    }
}
