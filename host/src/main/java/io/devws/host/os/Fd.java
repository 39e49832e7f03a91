package io.devws.host.os;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/** Blocking streams over raw descriptors (pipes, a PTY master); the owner closes the descriptor. */
public final class Fd {
    private Fd() {
    }

    public static InputStream in(int fd) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] b = new byte[1];
                return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                byte[] target = off == 0 ? b : new byte[len];
                while (true) {
                    try {
                        long n = LibC.INSTANCE.read(fd, target, len);
                        if (n == 0) {
                            return -1;
                        }
                        if (target != b) {
                            System.arraycopy(target, 0, b, off, (int) n);
                        }
                        return (int) n;
                    } catch (LastErrorException e) {
                        if (e.getErrorCode() == LibC.EINTR) {
                            continue;
                        }
                        if (e.getErrorCode() == LibC.EIO) {
                            return -1; // a PTY master once every slave descriptor is closed
                        }
                        throw new IOException("read: errno " + e.getErrorCode());
                    }
                }
            }
        };
    }

    public static OutputStream out(int fd) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                byte[] chunk = off == 0 ? b : java.util.Arrays.copyOfRange(b, off, off + len);
                int done = 0;
                while (done < len) {
                    if (Thread.interrupted()) {
                        throw new InterruptedIOException();
                    }
                    byte[] rest = done == 0 ? chunk : java.util.Arrays.copyOfRange(chunk, done, len);
                    try {
                        done += (int) LibC.INSTANCE.write(fd, rest, len - done);
                    } catch (LastErrorException e) {
                        if (e.getErrorCode() != LibC.EINTR) {
                            throw new IOException("write: errno " + e.getErrorCode());
                        }
                    }
                }
            }
        };
    }
}
