package io.devws.sidecar.command;

import io.devws.transport.stream.ChannelStreams;
import io.devws.sidecar.config.SidecarConfig;
import io.devws.sidecar.server.Daemon;
import io.devws.sidecar.server.SessionExecutors;
import io.devws.sidecar.server.SidecarServer;
import io.devws.transport.stream.StreamIoServiceFactoryFactory;
import io.devws.transport.stream.StreamPair;
import java.io.ByteArrayOutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import picocli.CommandLine.Command;

/**
 * Build-time training run for the class-data archive: one daemon, one SSH connection with an
 * exec and an SFTP write, then a normal exit (so {@code -XX:ArchiveClassesAtExit} can dump).
 */
@Command(name = "train", hidden = true, description = "Exercise the server once (class-data archive training).")
public final class TrainCommand implements Callable<Integer> {
    private static final Duration T = Duration.ofSeconds(30);

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("devws-train");
        try {
            SidecarConfig config = new SidecarConfig(dir.resolve("sshd.sock"), dir.resolve("hostkey"), dir.resolve("agent"),
                    SidecarConfig.EXECUTOR_LOCAL, dir, Duration.ofSeconds(30), 3, true,
                    SidecarConfig.ForwardingConfig.enabled(), false, "rw-rw----");
            try (Daemon daemon = Daemon.start(config, () -> SidecarServer.start(config, SessionExecutors.create(config), true))) {
                exercise(config.socket());
            }
        } finally {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private static void exercise(Path socket) throws Exception {
        SshClient client = SshClient.setUpDefaultClient();
        client.setIoServiceFactoryFactory(new StreamIoServiceFactoryFactory(target -> {
            SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            return StreamPair.of(ChannelStreams.in(ch), ChannelStreams.out(ch));
        }));
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try (ClientSession s = client.connect("train", "127.0.0.1", 22).verify(T).getSession()) {
            s.addPublicKeyIdentity(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256));
            s.auth().verify(T);
            try (ChannelExec exec = s.createExecChannel("true")) {
                exec.setOut(new ByteArrayOutputStream());
                exec.setErr(new ByteArrayOutputStream());
                exec.open().verify(T);
                exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), T);
            }
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
                sftp.canonicalPath(".");
            }
        } finally {
            client.stop();
        }
    }
}
