package io.devws.cli.agent;

import io.devws.transport.stream.ChannelStreams;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code devws agent status|stop} as a client of the running agent. */
public final class AgentClient {
    private AgentClient() {
    }

    public static int control(String verb, PrintStream out) {
        AgentPaths paths = AgentPaths.current();
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(paths.socket()))) {
            DataOutputStream o = new DataOutputStream(ChannelStreams.out(ch));
            new AgentProtocol.Request(AgentProtocol.identity(), System.getProperty("user.dir"), null, null, null, false,
                    List.of("agent", verb)).write(o);
            DataInputStream in = new DataInputStream(ChannelStreams.in(ch));
            byte reply = in.readByte();
            if (reply == AgentProtocol.OTHER_VERSION) {
                out.println("agent: one of another devws build was running; it no longer takes connections and exits"
                        + " after its sessions");
                return 0;
            }
            StringBuilder text = new StringBuilder();
            while (true) {
                byte type = in.readByte();
                int len = in.readInt();
                if (type == AgentProtocol.EXIT) {
                    out.print(text);
                    out.flush();
                    return len;
                }
                byte[] b = in.readNBytes(len);
                text.append(new String(b, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            out.println("agent: not running (" + paths.socket() + "); `devws ssh --stdio` starts it on demand"
                    + (AgentPaths.disabled() ? ", but DEVWS_AGENT=off disables it" : ""));
            return 0;
        }
    }
}
