package io.devws.cli.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.local.ChannelAgentForwardingFactory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;

/** Client side of {@code -A}: each agent channel the workspace opens talks to the local {@code SSH_AUTH_SOCK}. */
public final class LocalAgentForwarding implements SshAgentFactory {
    private final Path socket;

    public LocalAgentForwarding(Path socket) {
        this.socket = socket;
    }

    @Override
    public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
        return List.of(ChannelAgentForwardingFactory.OPENSSH);
    }

    @Override
    public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
        return UnixSocketAgent.connect(socket);
    }

    @Override
    public SshAgentServer createServer(ConnectionService service) {
        throw new UnsupportedOperationException("the devws client does not serve an agent");
    }
}
