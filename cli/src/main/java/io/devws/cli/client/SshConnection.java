package io.devws.cli.client;

import io.devws.cli.tunnel.Tunnel;
import io.devws.cli.tunnel.HostKeyMismatchException;
import io.devws.cli.tunnel.TunnelException;
import io.devws.transport.ssh.Algorithms;
import io.devws.transport.stream.StreamIoServiceFactoryFactory;
import io.devws.transport.stream.StreamPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

/**
 * One authenticated MINA SSH session over a {@link Tunnel}, the server's host key checked against
 * the pinned one. The server accepts any client key (the tunnel is the authentication), so a
 * fresh ed25519 key per connection serves. Closing it closes the tunnel.
 */
public final class SshConnection implements AutoCloseable {
    private final SshClient client;
    private final ClientSession session;
    private final Tunnel tunnel;

    private SshConnection(SshClient client, ClientSession session, Tunnel tunnel) {
        this.client = client;
        this.session = session;
        this.tunnel = tunnel;
    }

    /**
     * @param agentSocket the local agent to forward, or null
     * @throws TunnelException when the handshake fails, naming a host key mismatch as such
     */
    public static SshConnection open(Tunnel tunnel, PublicKey pinned, Path agentSocket, Duration timeout) {
        PinnedHostKeyVerifier verifier = new PinnedHostKeyVerifier(pinned);
        SshClient client = SshClient.setUpDefaultClient();
        Algorithms.apply(client, ClientBuilder.DH2KEX);
        client.setIoServiceFactoryFactory(new StreamIoServiceFactoryFactory(target -> StreamPair.of(tunnel.input(), tunnel.output())));
        client.setServerKeyVerifier(verifier);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        if (agentSocket != null) {
            client.setAgentFactory(new LocalAgentForwarding(agentSocket));
        }
        client.start();
        ClientSession session = null;
        try {
            session = client.connect(System.getProperty("user.name"), "workspace", 22).verify(timeout).getClientSession();
            session.addPublicKeyIdentity(ephemeralKey());
            session.auth().verify(timeout);
            return new SshConnection(client, session, tunnel);
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            client.stop();
            tunnel.close();
            if (e instanceof TunnelException t) {
                throw t;
            }
            if (verifier.mismatch() != null) {
                throw new HostKeyMismatchException(verifier.mismatch());
            }
            throw new TunnelException("SSH handshake with the workspace failed: " + e.getMessage(), e);
        }
    }

    public ClientSession session() {
        return session;
    }

    /** The server's identification line, e.g. {@code SSH-2.0-APACHE-SSHD-2.20.0}. */
    public String serverVersion() {
        return session.getServerVersion();
    }

    /** Output of a command (stdout and stderr together) and its exit code. */
    public record Output(int code, String text) {
    }

    public Output exec(String command, boolean agent, Duration timeout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setAgentForwarding(agent);
            channel.setOut(out);
            channel.setErr(out);
            channel.open().verify(timeout);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            return new Output(ExitCodes.of(channel.getExitStatus(), channel.getExitSignal()), out.toString(StandardCharsets.UTF_8));
        }
    }

    private static KeyPair ephemeralKey() throws IOException {
        try {
            return SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate a client key: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        session.close(false);
        client.stop();
        tunnel.close();
    }
}
