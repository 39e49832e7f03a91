package io.devws.host.protocol;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The daemon↔host wire format (docs/session-host.md): one Unix-socket connection per session, a
 * stream of frames {@code [type:u8][length:u32 big-endian][payload]}. Writers are shared by threads,
 * so {@link #write} holds the stream's lock for the whole frame.
 */
public final class Frames {
    /** Protocol version, exchanged in {@link #HELLO}; a peer with another major version is refused. */
    public static final int VERSION = 2;
    /** Bytes before the version in a hello: guards against talking to some other socket. */
    public static final int MAGIC = 0x44455648; // "DEVH"

    public static final int HELLO = 1;     // both ways: magic u32, version u16
    public static final int START = 2;     // daemon → host: StartRequest
    public static final int STARTED = 3;   // host → daemon: pid u32, tty utf
    public static final int STDIN = 4;     // daemon → host: bytes (never more than the granted window)
    public static final int STDIN_EOF = 5; // daemon → host: empty; the host closes the child's stdin
    public static final int WINDOW = 6;    // host → daemon: u32 bytes of stdin written to the child
    public static final int STDOUT = 7;    // host → daemon: bytes
    public static final int STDERR = 8;    // host → daemon: bytes
    public static final int RESIZE = 9;    // daemon → host: columns u16, rows u16
    public static final int SIGNAL = 10;   // daemon → host: SSH signal name utf ("INT", "TERM", ...)
    public static final int EXIT = 11;     // host → daemon: ExitInfo, after the last output frame
    public static final int ERROR = 12;    // host → daemon: message utf; the session did not start
    // Unix-socket forwarding in the dev container (docs/session-host.md#unix-socket-forwarding): instead of START
    public static final int CONNECT = 13;  // daemon → host: path utf; then STDIN/STDOUT relay the connected socket
    public static final int LISTEN = 14;   // daemon → host: path utf; the host listens there while this connection lasts
    public static final int ACCEPTED = 15; // host → daemon, on a LISTEN connection: u32 id of a connection to pick up
    public static final int PICKUP = 16;   // daemon → host, on a new connection: u32 id; then relayed as CONNECT
    // a session without a PTY whose pipes the daemon uses itself (docs/session-host.md#piped-sessions): instead of START
    public static final int START_PIPED = 17; // daemon → host: StartRequest; STARTED carries the child's stdin, stdout
                                              // and stderr (SCM_RIGHTS), then only SIGNAL goes in and EXIT comes out

    /** Largest payload a peer accepts; data frames are at most {@link #CHUNK}. */
    public static final int MAX_PAYLOAD = 1 << 20;
    public static final int CHUNK = 32 * 1024;
    /** Stdin bytes the daemon may send before the host acknowledges them with {@link #WINDOW}. */
    public static final int STDIN_WINDOW = 256 * 1024;

    private Frames() {
    }

    public record Frame(int type, byte[] payload) {
    }

    public static void write(DataOutputStream out, int type, byte[] payload, int off, int len) throws IOException {
        synchronized (out) {
            out.writeByte(type);
            out.writeInt(len);
            out.write(payload, off, len);
            out.flush();
        }
    }

    public static void write(DataOutputStream out, int type, byte[] payload) throws IOException {
        write(out, type, payload, 0, payload.length);
    }

    /** The next frame, or {@code null} at a clean end of stream (between frames). */
    public static Frame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int len = in.readInt();
        if (len < 0 || len > MAX_PAYLOAD) {
            throw new IOException("frame of " + Integer.toUnsignedString(len) + " bytes exceeds " + MAX_PAYLOAD);
        }
        byte[] payload = new byte[len];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            throw new EOFException("connection ended inside a frame");
        }
        return new Frame(type, payload);
    }
}
