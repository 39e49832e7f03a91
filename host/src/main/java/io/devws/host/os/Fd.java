package io.devws.host.os;

import com.sun.jna.LastErrorException;
import io.devws.host.io.BulkInputStream;
import io.devws.host.io.BulkOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;

/** Blocking streams over raw descriptors (pipes, a PTY master); the owner closes the descriptor. */
public final class Fd {
    private Fd() {
    }

    public static InputStream in(int fd) {
        return new Input(fd);
    }

    public static OutputStream out(int fd) {
        return new Output(fd);
    }

    private static final class Input extends BulkInputStream {
        private final int fd;

        Input(int fd) {
            this.fd = fd;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            byte[] target = off == 0 || len == 0 ? b : new byte[len];
            while (len > 0) {
                try {
                    long n = LibC.INSTANCE.read(fd, target, len);
                    if (n > 0 && target != b) {
                        System.arraycopy(target, 0, b, off, (int) n);
                    }
                    return n == 0 ? -1 : (int) n;
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == LibC.EIO) {
                        return -1; // a PTY master once every slave descriptor is closed
                    }
                    if (e.getErrorCode() != LibC.EINTR) {
                        throw new IOException("read: errno " + e.getErrorCode());
                    }
                }
            }
            return 0;
        }
    }

    private static final class Output extends BulkOutputStream {
        private final int fd;

        Output(int fd) {
            this.fd = fd;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            byte[] chunk = off == 0 ? b : Arrays.copyOfRange(b, off, off + len);
            int done = 0;
            while (done < len) {
                if (Thread.interrupted()) {
                    throw new InterruptedIOException();
                }
                byte[] rest = done == 0 ? chunk : Arrays.copyOfRange(chunk, done, len);
                try {
                    done += (int) LibC.INSTANCE.write(fd, rest, len - done);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != LibC.EINTR) {
                        throw new IOException("write: errno " + e.getErrorCode());
                    }
                }
            }
        }
    }
}
