package io.devws.sidecar.session;

import io.devws.sidecar.unix.SocketSpace;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * Starts the processes of SSH sessions somewhere: {@code local} (pty4j, in the sidecar's own
 * environment) or {@code kube} (Kubernetes exec into the pod's dev container). The SSH side
 * (channels, requests) is the same for both; only this interface differs.
 */
public interface SessionExecutor extends AutoCloseable {
    SessionProcess start(ProcessSpec spec) throws IOException;

    /** Where these sessions' Unix sockets live, for {@code ssh -L port:/path} and {@code -R /path}: here by default. */
    default SocketSpace sockets() {
        return SocketSpace.LOCAL;
    }

    /**
     * The uid these sessions run as, when this executor knows it (the session host's): only that user may use
     * the forwarded agent ({@code agent/AgentPeers}). Empty: unknown, the socket's mode alone decides.
     */
    default OptionalLong sessionUid() {
        return OptionalLong.empty();
    }

    @Override
    default void close() {
    }
}
