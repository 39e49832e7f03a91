package io.devws.cli.agent;

import io.devws.transport.stream.ChannelStreams;
import java.io.DataInputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The build runs this with {@code -XX:ArchiveClassesAtExit=lib/devws-thin.jsa} and the thin
 * client's class path: one {@link ThinClient} conversation with a stand-in agent on a temporary
 * socket, so the archive holds every class a thin ProxyCommand loads.
 */
public final class ThinTraining {
    private ThinTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("devws-thin-training");
        System.setProperty("devws.agent.dir", dir.toString());
        Path socket = new AgentPaths(dir).socket();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread agent = new Thread(() -> {
                try (SocketChannel ch = server.accept()) {
                    AgentProtocol.Request.read(new DataInputStream(ChannelStreams.in(ch)), AgentProtocol.identity());
                    FrameOutput frames = new FrameOutput(ChannelStreams.out(ch));
                    frames.reply(AgentProtocol.ACCEPT);
                    frames.stderr().write(new byte[0], 0, 0);
                    frames.exit(0);
                } catch (Exception e) {
                    System.err.println("devws thin training: " + e);
                }
            });
            agent.setDaemon(true);
            agent.start();
            ThinClient.run(new String[] {"ssh", "--stdio", "ws.training.devws"});
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
        System.exit(0);
    }
}
