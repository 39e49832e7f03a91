package io.devws.host.protocol;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * How a session's process ended: an exit code, or the SSH name of the signal that killed it
 * ({@code signal != null}, with {@code coreDumped}), as waitpid(2) reported it.
 */
public record ExitInfo(int code, String signal, boolean coreDumped) {
    public byte[] encode() {
        return Payloads.bytes(o -> {
            o.writeInt(code);
            o.writeUTF(signal == null ? "" : signal);
            o.writeBoolean(coreDumped);
        });
    }

    public static ExitInfo decode(byte[] payload) throws IOException {
        DataInputStream in = Payloads.in(payload);
        int code = in.readInt();
        String signal = in.readUTF();
        return new ExitInfo(code, signal.isEmpty() ? null : signal, in.readBoolean());
    }
}
