package io.devws.sidecar.server;

import io.devws.transport.stream.ChannelStreams;
import io.devws.sidecar.config.SidecarConfig;
import io.devws.sidecar.session.local.LocalSessionExecutor;
import io.devws.sidecar.session.local.LoginShell;
import io.devws.transport.stream.StreamIoServiceFactoryFactory;
import io.devws.transport.stream.StreamPair;
import io.devws.transport.ssh.Algorithms;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * A daemon on a temporary Unix socket plus a MINA client that reaches it through the stream
 * transport's client side ({@link StreamIoServiceFactoryFactory} with an opener).
 */
final class InProcessHarness implements AutoCloseable {
    final Path dir;
    final SidecarConfig config;
    final Daemon daemon;
    final SshClient client;
    final KeyPair userKey;

    InProcessHarness(Path dir, Duration keepalive) throws Exception {
        this.dir = dir;
        Files.createDirectories(dir.resolve("work"));
        config = new SidecarConfig(dir.resolve("run/sshd.sock"), dir.resolve("hostkey"), dir.resolve("agent"),
                SidecarConfig.EXECUTOR_LOCAL, dir.resolve("work"), keepalive, 2, true,
                SidecarConfig.ForwardingConfig.enabled(), false, "rw-rw----");
        daemon = Daemon.start(config, () -> SidecarServer.start(config,
                new LocalSessionExecutor(new LoginShell("/bin/sh"), config.startDirectory()), true));
        client = SshClient.setUpDefaultClient();
        Algorithms.apply(client, ClientBuilder.DH2KEX); // the built-in client's offer
        client.setIoServiceFactoryFactory(new StreamIoServiceFactoryFactory(target -> open(config.socket())));
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        userKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    }

    static StreamPair open(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        return new StreamPair(ChannelStreams.in(ch), ChannelStreams.out(ch), StreamPair.LOOPBACK_REMOTE,
                StreamPair.LOOPBACK_LOCAL);
    }

    ClientSession session() throws IOException {
        ClientSession s = client.connect("dev", "127.0.0.1", 22).verify(Duration.ofSeconds(10)).getSession();
        s.addPublicKeyIdentity(userKey);
        s.auth().verify(Duration.ofSeconds(10));
        return s;
    }

    @Override
    public void close() throws IOException {
        client.stop();
        daemon.close();
    }
}
