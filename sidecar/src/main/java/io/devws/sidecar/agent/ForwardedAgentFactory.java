package io.devws.sidecar.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;

/**
 * Server-side agent forwarding on JDK Unix sockets (MINA's own Unix agent needs Tomcat APR, see
 * docs/kubernetes-quirks.md). Each connection that sends {@code auth-agent-req@openssh.com} gets its own socket in the
 * agent dir (its sessions' SSH_AUTH_SOCK) and joins the {@link AgentRouter} behind the stable socket.
 */
public final class ForwardedAgentFactory implements SshAgentFactory {
    private final Path agentDir;
    private final String socketMode;
    private final AgentRouter router;
    private final AgentPeers peers;

    public ForwardedAgentFactory(Path agentDir, String socketMode, AgentRouter router, AgentPeers peers) {
        this.agentDir = agentDir;
        this.socketMode = socketMode;
        this.router = router;
        this.peers = peers;
    }

    @Override
    public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
        return List.of();
    }

    @Override
    public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
        throw new IOException("devws-sidecar is a server: it has no agent of its own");
    }

    @Override
    public SshAgentServer createServer(ConnectionService service) throws IOException {
        return ConnectionAgentSocket.open(agentDir, socketMode, service, router, peers);
    }
}
