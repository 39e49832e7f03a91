package io.devws.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Unix socket pair. The daemon's connection is written on whatever thread sends a packet; a thread whose
 * interrupt status is set must not close the connection (a blocking channel closes itself for an interrupted
 * writer): that ended a whole SSH connection when a session's stdin pump was interrupted while it released window.
 */
class ChannelStreamsTest {
    @TempDir
    Path dir;

    @Test
    void anInterruptedWriterNeitherClosesTheConnectionNorLosesItsInterrupt() throws Exception {
        Path path = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
                 SocketChannel accepted = server.accept()) {
                OutputStream out = ChannelStreams.out(client);
                InputStream in = ChannelStreams.in(accepted);
                Thread.currentThread().interrupt();
                try {
                    out.write("first".getBytes(StandardCharsets.UTF_8));
                    assertThat(Thread.currentThread().isInterrupted()).as("the caller's interrupt is kept").isTrue();
                } finally {
                    Thread.interrupted();
                }
                assertThat(client.isOpen()).as("the connection survives the interrupted writer").isTrue();
                out.write("second".getBytes(StandardCharsets.UTF_8));
                assertThat(new String(in.readNBytes(11), StandardCharsets.UTF_8)).isEqualTo("firstsecond");
            }
        }
    }
}
