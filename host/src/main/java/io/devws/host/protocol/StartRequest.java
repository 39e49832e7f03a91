package io.devws.host.protocol;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a session runs: {@code command} through the user's shell ({@code null}: a login shell), the
 * SSH environment, a working directory ({@code null}: home) and a terminal ({@code term == null}: pipes).
 * {@code modes} are RFC 4254 §8 terminal modes (opcode → value) from the client's pty-req.
 * With {@code subsystem}, {@code command} names an SSH subsystem ("sftp") that the host maps to a program.
 */
public record StartRequest(String command, Map<String, String> env, String workdir,
                           String term, int columns, int rows, Map<Integer, Integer> modes, boolean subsystem) {
    private static final int MAX_ENV = 1024;

    public StartRequest {
        env = Map.copyOf(env);
        modes = Map.copyOf(modes);
    }

    public StartRequest(String command, Map<String, String> env, String workdir,
                        String term, int columns, int rows, Map<Integer, Integer> modes) {
        this(command, env, workdir, term, columns, rows, modes, false);
    }

    public static StartRequest subsystem(String name, Map<String, String> env, String workdir) {
        return new StartRequest(name, env, workdir, null, 0, 0, Map.of(), true);
    }

    public boolean pty() {
        return term != null;
    }

    public byte[] encode() {
        return Payloads.bytes(o -> {
            o.writeByte((command != null ? 1 : 0) | (workdir != null ? 2 : 0) | (term != null ? 4 : 0) | (subsystem ? 8 : 0));
            o.writeUTF(command == null ? "" : command);
            o.writeUTF(workdir == null ? "" : workdir);
            o.writeUTF(term == null ? "" : term);
            o.writeShort(columns);
            o.writeShort(rows);
            o.writeShort(env.size());
            for (Map.Entry<String, String> e : env.entrySet()) {
                o.writeUTF(e.getKey());
                o.writeUTF(e.getValue());
            }
            o.writeShort(modes.size());
            for (Map.Entry<Integer, Integer> m : modes.entrySet()) {
                o.writeByte(m.getKey());
                o.writeInt(m.getValue());
            }
        });
    }

    public static StartRequest decode(byte[] payload) throws IOException {
        DataInputStream in = Payloads.in(payload);
        int flags = in.readUnsignedByte();
        String command = in.readUTF();
        String workdir = in.readUTF();
        String term = in.readUTF();
        int columns = in.readUnsignedShort();
        int rows = in.readUnsignedShort();
        int n = in.readUnsignedShort();
        if (n > MAX_ENV) {
            throw new IOException("too many environment variables: " + n);
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            env.put(in.readUTF(), in.readUTF());
        }
        int m = in.readUnsignedShort();
        Map<Integer, Integer> modes = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) {
            modes.put(in.readUnsignedByte(), in.readInt());
        }
        return new StartRequest((flags & 1) != 0 ? command : null, env, (flags & 2) != 0 ? workdir : null,
                (flags & 4) != 0 ? term : null, columns, rows, modes, (flags & 8) != 0);
    }
}
