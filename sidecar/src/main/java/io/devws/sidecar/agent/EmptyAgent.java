package io.devws.sidecar.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import org.apache.sshd.agent.common.AbstractAgentClient;
import org.apache.sshd.agent.local.AgentImpl;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * Answers on the stable socket while no SSH connection forwards an agent: an agent holding no
 * keys, so {@code ssh-add -l} prints "The agent has no identities." instead of a connection error.
 */
final class EmptyAgent extends AbstractAgentClient {
    private final OutputStream out;

    private EmptyAgent(OutputStream out) {
        super(new AgentImpl());
        this.out = out;
    }

    static void serve(Socket socket) {
        Thread t = new Thread(() -> {
            try (socket; InputStream in = socket.getInputStream()) {
                EmptyAgent agent = new EmptyAgent(socket.getOutputStream());
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    agent.messageReceived(new ByteArrayBuffer(buf, 0, n));
                }
            } catch (IOException ignored) {
                // client went away
            }
        }, "devws-empty-agent");
        t.setDaemon(true);
        t.start();
    }

    @Override
    protected void reply(Buffer buf) throws IOException {
        out.write(buf.array(), buf.rpos(), buf.available());
        out.flush();
    }
}
