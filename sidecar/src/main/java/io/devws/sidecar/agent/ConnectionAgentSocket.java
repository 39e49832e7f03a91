package io.devws.sidecar.agent;

import io.devws.sidecar.unix.UnixSocketListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.common.session.ConnectionService;

/** One connection's agent socket ({@code <agent-dir>/ssh-<n>.sock}); removed when the connection closes. */
final class ConnectionAgentSocket implements SshAgentServer {
    private final UnixSocketListener listener;
    private final ConnectionService service;
    private final AgentRouter router;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private ConnectionAgentSocket(UnixSocketListener listener, ConnectionService service, AgentRouter router) {
        this.listener = listener;
        this.service = service;
        this.router = router;
    }

    static ConnectionAgentSocket open(Path agentDir, String mode, ConnectionService service, AgentRouter router, AgentPeers peers)
            throws IOException {
        AgentDirs.ensure(agentDir);
        Path path = agentDir.resolve("ssh-" + ProcessHandle.current().pid() + "-" + service.getSession().getIoSession().getId()
                + ".sock");
        UnixSocketListener listener = UnixSocketListener.start(path, mode, peers.guard(s -> AgentChannels.forward(service, s)));
        router.add(service);
        ConnectionAgentSocket socket = new ConnectionAgentSocket(listener, service, router);
        service.getSession().addCloseFutureListener(f -> socket.close());
        return socket;
    }

    @Override
    public String getId() {
        return listener.path().toString();
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            router.remove(service);
            listener.close();
        }
    }
}
