package io.devws.host.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Encodes the small fixed payloads (hello, window, resize, signal, started, error). */
public final class Payloads {
    private Payloads() {
    }

    public static byte[] hello() {
        return bytes(o -> {
            o.writeInt(Frames.MAGIC);
            o.writeShort(Frames.VERSION);
        });
    }

    /** The peer's version from its hello; throws when the magic is wrong. */
    public static int helloVersion(byte[] payload) throws IOException {
        DataInputStream in = in(payload);
        if (payload.length < 6 || in.readInt() != Frames.MAGIC) {
            throw new IOException("not a devws session host (bad hello)");
        }
        return in.readUnsignedShort();
    }

    public static byte[] u32(int v) {
        return bytes(o -> o.writeInt(v));
    }

    public static int u32(byte[] payload) throws IOException {
        return in(payload).readInt();
    }

    public static byte[] resize(int columns, int rows) {
        return bytes(o -> {
            o.writeShort(columns);
            o.writeShort(rows);
        });
    }

    public static int[] resize(byte[] payload) throws IOException {
        DataInputStream in = in(payload);
        return new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
    }

    public static byte[] utf(String s) {
        return bytes(o -> o.writeUTF(s));
    }

    public static String utf(byte[] payload) throws IOException {
        return in(payload).readUTF();
    }

    public static byte[] started(int pid, String tty) {
        return bytes(o -> {
            o.writeInt(pid);
            o.writeUTF(tty == null ? "" : tty);
        });
    }

    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    static byte[] bytes(Writer w) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(b)) {
            w.write(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    static DataInputStream in(byte[] payload) {
        return new DataInputStream(new ByteArrayInputStream(payload));
    }
}
