package io.devws.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.transport.io.Pump;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.Readable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's stdin pump sends SSH window adjusts, and the session's end interrupts it. Written on that thread, a
 * packet met by the interrupt mid-write closed the daemon's blocking channel, and with it the SSH connection
 * (HostExecutorIT: ssh exit 255, "Connection reset by peer", about once in a few hundred early exits).
 */
class StreamIoSessionTest {
    @TempDir
    Path dir;

    @Test
    void anInterruptiblePumpsPacketIsWrittenByTheWriterThreadAndItsInterruptClosesNothing() throws Exception {
        Path path = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            try (SocketChannel daemonSide = SocketChannel.open(UnixDomainSocketAddress.of(path));
                 SocketChannel peer = server.accept()) {
                TrafficCounter traffic = new TrafficCounter();
                StreamIoSession session = new StreamIoSession(new StreamIoService(new Quiet(), traffic) { }, new Quiet(),
                        StreamPair.of(ChannelStreams.in(daemonSide), ChannelStreams.out(daemonSide)), traffic);
                session.start();
                // larger than the socket's buffers and nobody reads yet: written on the caller's thread, this blocks
                byte[] packet = new byte[8 << 20];
                Arrays.fill(packet, (byte) 7);
                var written = new CompletableFuture<Void>();
                Thread pump = Pump.startInterruptible("devws-session-stdin", () -> {
                    try {
                        session.writeBuffer(new ByteArrayBuffer(packet));
                        written.complete(null);
                    } catch (Exception e) {
                        written.completeExceptionally(e);
                    }
                });
                written.get(5, TimeUnit.SECONDS); // queued for the writer thread, not blocked in the socket
                pump.interrupt(); // the session's end
                pump.join(5_000);
                InputStream in = ChannelStreams.in(peer);
                byte[] got = in.readNBytes(packet.length);
                assertThat(got).hasSize(packet.length).containsOnly((byte) 7);
                assertThat(daemonSide.isOpen()).as("the connection survives the pump's interrupt").isTrue();
                assertThat(session.isClosing()).isFalse();
            }
        }
    }

    @Test
    void otherThreadsStillWriteOnTheirOwnThreadWhenNothingIsQueued() throws Exception {
        assertThat(Pump.mayBeInterrupted(Thread.currentThread())).isFalse();
        Thread pump = Pump.startInterruptible("x", () -> { });
        assertThat(Pump.mayBeInterrupted(pump)).isTrue();
        assertThat(Pump.mayBeInterrupted(Pump.start("y", () -> { }))).isFalse();
    }

    /** A handler that ignores everything the peer sends. */
    private static final class Quiet implements IoHandler {
        @Override
        public void sessionCreated(IoSession session) {
        }

        @Override
        public void sessionClosed(IoSession session) {
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
        }

        @Override
        public void messageReceived(IoSession session, Readable message) {
        }
    }
}
