package io.devws.sidecar.server;

import io.devws.sidecar.agent.AgentPeers;
import io.devws.sidecar.agent.AgentRouter;
import io.devws.sidecar.agent.ForwardedAgentFactory;
import io.devws.sidecar.agent.StableAgentSocket;
import io.devws.sidecar.config.ConnectionLimits;
import io.devws.sidecar.config.HostKeyFile;
import io.devws.sidecar.config.SidecarConfig;
import io.devws.sidecar.forward.ForwardingPolicy;
import io.devws.sidecar.forward.LoopbackForwarder;
import io.devws.sidecar.forward.StreamLocalSetup;
import io.devws.sidecar.session.SessionCommand;
import io.devws.sidecar.session.SessionExecutor;
import io.devws.sidecar.session.SubsystemExecutor;
import io.devws.sidecar.sftp.SftpSetup;
import io.devws.transport.ssh.Algorithms;
import io.devws.transport.stream.StreamIoServiceFactoryFactory;
import io.devws.transport.stream.StreamIoSession;
import io.devws.transport.stream.StreamPair;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.AcceptAllPublickeyAuthenticator;

/**
 * The MINA SSH server of devws, over stream connections: the daemon hands it each accepted
 * Unix-socket connection, the in-process stdio server hands it stdin/stdout.
 */
public final class SidecarServer implements Closeable {
    private final SshServer sshd;
    private final StreamIoServiceFactoryFactory io;
    private final ConnectionCounter counter;
    private final SessionExecutor executor;
    private final StableAgentSocket stableAgent;
    private final ServerKeepalive keepalive;

    private SidecarServer(SshServer sshd, StreamIoServiceFactoryFactory io, ConnectionCounter counter,
                          SessionExecutor executor, StableAgentSocket stableAgent, ServerKeepalive keepalive) {
        this.keepalive = keepalive;
        this.sshd = sshd;
        this.io = io;
        this.counter = counter;
        this.executor = executor;
        this.stableAgent = stableAgent;
    }

    /**
     * @param stableAgentSocket whether to own {@code <agent-dir>/agent.sock} (the daemon does; a
     *                          one-off in-process stdio server does not)
     */
    public static SidecarServer start(SidecarConfig config, SessionExecutor executor, boolean stableAgentSocket)
            throws IOException {
        return start(config, executor, stableAgentSocket, ConnectionLimits.fromEnvironment(System.getenv()));
    }

    /** @param limits what one connection may use (docs/security.md) */
    public static SidecarServer start(SidecarConfig config, SessionExecutor executor, boolean stableAgentSocket,
                                      ConnectionLimits limits) throws IOException {
        SshServer sshd = SshServer.setUpDefaultServer();
        StreamIoServiceFactoryFactory io = new StreamIoServiceFactoryFactory();
        sshd.setIoServiceFactoryFactory(io);
        sshd.setHost("127.0.0.1");
        sshd.setPort(22); // nominal: connections are handed in, nothing listens on TCP
        sshd.setKeyPairProvider(HostKeyFile.loadOrCreate(config.hostKey()));
        Algorithms.apply(sshd, ServerBuilder.DH2KEX);

        sshd.setPasswordAuthenticator(null);
        sshd.setHostBasedAuthenticator(null);
        sshd.setGSSAuthenticator(null);
        sshd.setPublickeyAuthenticator(AcceptAllPublickeyAuthenticator.INSTANCE);
        sshd.setKeyboardInteractiveAuthenticator(ZeroPromptKeyboardInteractive.INSTANCE);

        String workdir = config.startDirectory().toString();
        sshd.setShellFactory(channel -> new SessionCommand(executor, null, workdir));
        sshd.setCommandFactory((channel, command) -> new SessionCommand(executor, command, workdir));
        if (executor instanceof SubsystemExecutor host) {
            SftpSetup.applyThroughHost(sshd, host, config.startDirectory());
        } else {
            SftpSetup.apply(sshd, config.startDirectory());
        }

        applyLimits(sshd, limits);
        ForwardingPolicy policy = new ForwardingPolicy(config.agentForwarding(), config.forwarding(), executor.sockets(),
                limits.maxListeners());
        sshd.setForwardingFilter(policy);
        sshd.setForwarderFactory(LoopbackForwarder.factory(policy));
        StreamLocalSetup.apply(sshd, policy);
        ChannelLimit.apply(sshd, limits.maxChannels()); // last: wraps every channel type
        AgentRouter router = new AgentRouter();
        AgentPeers peers = new AgentPeers(executor::sessionUid);
        sshd.setAgentFactory(new ForwardedAgentFactory(config.agentDir(), config.agentSocketMode(), router, peers));

        ServerKeepalive keepalive = keepalive(sshd, config.keepalive(), config.keepaliveMax());
        ConnectionCounter counter = new ConnectionCounter(io.traffic());
        sshd.addSessionListener(counter);
        sshd.addSessionListener(ProtocolErrors.LISTENER);
        sshd.start();

        StableAgentSocket stable = null;
        if (stableAgentSocket && config.agentForwarding()) {
            try {
                stable = StableAgentSocket.start(config.agentSocket(), config.agentSocketMode(), router, peers);
            } catch (IOException e) {
                sshd.stop(true);
                throw e;
            }
        }
        return new SidecarServer(sshd, io, counter, executor, stable, keepalive);
    }

    /**
     * Per connection: channels at once, client variables (a session channel of ours), and the time to authenticate.
     * Packets are capped by MINA itself at 256 KiB (a longer length field ends the connection, after
     * reading a random number of bytes as OpenSSH does, bounded by the authentication time).
     */
    private static void applyLimits(SshServer sshd, ConnectionLimits limits) {
        CoreModuleProperties.AUTH_TIMEOUT.set(sshd, limits.authTimeout());
        LimitedChannelSession.apply(sshd, limits);
    }

    private static ServerKeepalive keepalive(SshServer sshd, Duration interval, int maxMissed) {
        // sessions end by keepalive, never by idleness: an idle shell is fine, a dead peer is not
        CoreModuleProperties.IDLE_TIMEOUT.set(sshd, Duration.ZERO);
        if (interval.isZero() || interval.isNegative()) {
            return null;
        }
        ServerKeepalive keepalive = new ServerKeepalive(interval, maxMissed);
        sshd.addSessionListener(keepalive);
        return keepalive;
    }

    /** Serves one SSH connection over these streams. */
    public StreamIoSession accept(StreamPair streams) throws IOException {
        return io.acceptor().accept(streams);
    }

    public ActivityProbe activity() {
        return counter;
    }

    @Override
    public void close() {
        if (stableAgent != null) {
            stableAgent.close();
        }
        try {
            sshd.stop(true);
        } catch (IOException ignored) {
            // stopping anyway
        }
        if (keepalive != null) {
            keepalive.close();
        }
        executor.close();
    }
}
