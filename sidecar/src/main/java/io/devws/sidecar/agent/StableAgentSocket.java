package io.devws.sidecar.agent;

import java.io.Closeable;
import io.devws.sidecar.unix.UnixSocketListener;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code <agent-dir>/agent.sock}: for processes SSH did not start (IDE terminals, kubectl exec,
 * background jobs). Each connection goes to the newest live agent-forwarding SSH connection, or
 * to an {@link EmptyAgent} when there is none.
 */
public final class StableAgentSocket implements Closeable {
    private final UnixSocketListener listener;

    private StableAgentSocket(UnixSocketListener listener) {
        this.listener = listener;
    }

    public static StableAgentSocket start(Path path, String mode, AgentRouter router, AgentPeers peers) throws IOException {
        AgentDirs.ensure(path.getParent());
        return new StableAgentSocket(UnixSocketListener.start(path, mode, peers.guard(socket -> router.newest().ifPresentOrElse(
                service -> AgentChannels.forward(service, socket),
                () -> EmptyAgent.serve(socket)))));
    }

    public Path path() {
        return listener.path();
    }

    @Override
    public void close() {
        listener.close();
    }
}
