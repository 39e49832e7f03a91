package io.devws.cli.agent;

import io.devws.transport.io.Streams;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The agent's side of the downstream: stdout and stderr bytes as frames, then the exit code; thread-safe. */
final class FrameOutput {
    static final int MAX_FRAME = 64 * 1024;
    private final DataOutputStream out;

    FrameOutput(OutputStream raw) {
        this.out = new DataOutputStream(raw);
    }

    OutputStream stdout() {
        return stream(AgentProtocol.STDOUT);
    }

    OutputStream stderr() {
        return stream(AgentProtocol.STDERR);
    }

    synchronized void reply(byte code) throws IOException {
        out.writeByte(code);
        out.flush();
    }

    synchronized void exit(int code) throws IOException {
        out.writeByte(AgentProtocol.EXIT);
        out.writeInt(code);
        out.flush();
    }

    private synchronized void frame(byte type, byte[] b, int off, int len) throws IOException {
        for (int done = 0; done < len; ) {
            int n = Math.min(MAX_FRAME, len - done);
            out.writeByte(type);
            out.writeInt(n);
            out.write(b, off + done, n);
            done += n;
        }
    }

    private OutputStream stream(byte type) {
        // closing one stream must not end the other's frames: the session closes the socket
        return Streams.output((b, off, len) -> frame(type, b, off, len), () -> { });
    }
}
