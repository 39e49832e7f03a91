package io.devws.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.devws.host.client.HostClient;
import io.devws.host.client.HostListener;
import io.devws.host.client.HostSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unix-socket forwarding done by the real host process: {@code ssh -L port:/path} and {@code ssh -R /path:...}. */
class SocketForwardingIT {
    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    HostProcess host;
    HostClient client;

    @BeforeEach
    void start() throws Exception {
        host = HostProcess.serve(tmp);
        client = new HostClient(host.socket);
    }

    @AfterEach
    void stop() throws Exception {
        host.close();
    }

    @Test
    void connectRelaysBothWaysAndHalfClosesLikeASocket() throws Exception {
        Path path = tmp.resolve("upper.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            // a server that answers after its input ends: the relay's STDIN_EOF must reach it as a half-close
            Thread t = new Thread(() -> {
                try (SocketChannel c = server.accept()) {
                    String got = new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
                    c.write(ByteBuffer.wrap(got.toUpperCase().getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            HostSession s = client.connect(path);
            try (OutputStream in = s.stdin()) {
                in.write("through the host\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("THROUGH THE HOST\n");
            assertThat(s.exit().get(30, TimeUnit.SECONDS).code()).isZero();
            t.join(5000);
        }
    }

    @Test
    void connectToNothingSaysWhy() {
        assertThatThrownBy(() -> client.connect(tmp.resolve("nothing.sock")))
                .hasMessageStartingWith("session host: cannot connect to " + tmp.resolve("nothing.sock"));
    }

    @Test
    void listenMakesAnOwnerOnlySocketAndEachConnectionIsPickedUp() throws Exception {
        Path path = tmp.resolve("gpg/S.gpg-agent");
        Files.createDirectories(path.getParent());
        BlockingQueue<Integer> accepted = new LinkedBlockingQueue<>();
        try (HostListener listener = client.listen(path, accepted::add)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
            for (int i = 0; i < 2; i++) {
                try (SocketChannel user = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                    Integer id = accepted.poll(30, TimeUnit.SECONDS);
                    assertThat(id).isNotNull();
                    HostSession picked = client.pickup(id);
                    user.write(ByteBuffer.wrap(("ping " + i).getBytes(StandardCharsets.UTF_8)));
                    user.shutdownOutput();
                    byte[] got = new byte[6];
                    InputStream fromUser = picked.stdout();
                    assertThat(fromUser.readNBytes(got, 0, 6)).isEqualTo(6);
                    assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo("ping " + i);
                    try (OutputStream toUser = picked.stdin()) {
                        toUser.write("pong".getBytes(StandardCharsets.UTF_8));
                    }
                    assertThat(new String(Channels.newInputStream(user).readAllBytes(), StandardCharsets.UTF_8))
                            .isEqualTo("pong");
                    picked.close();
                }
            }
            assertThatThrownBy(() -> client.pickup(999)).hasMessageContaining("no forwarded connection 999");
        }
        await().atMost(T).until(() -> !Files.exists(path)); // the listener's end removes its socket
    }

    @Test
    void listenRefusesToReplaceAFileThatIsNotASocketAndReplacesAStaleSocket() throws Exception {
        Path file = Files.writeString(tmp.resolve("precious.txt"), "keep me");
        assertThatThrownBy(() -> client.listen(file, id -> { }))
                .hasMessageContaining("cannot listen on " + file + ": a file that is not a socket is in the way");
        assertThat(Files.readString(file)).isEqualTo("keep me");

        Path stale = tmp.resolve("stale.sock");
        ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        old.bind(UnixDomainSocketAddress.of(stale));
        old.close(); // the file stays, nobody listens: what a crashed forward leaves
        assertThat(stale).exists();
        try (HostListener listener = client.listen(stale, id -> { })) {
            try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(stale))) {
                assertThat(c.isConnected()).isTrue();
            }
        }
    }
}
