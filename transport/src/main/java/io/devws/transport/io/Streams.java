package io.devws.transport.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Streams made of one bulk operation each, so no caller writes the single-byte adapters again. */
public final class Streams {
    private Streams() {
    }

    /** Reads up to {@code len} bytes into {@code b} at {@code off}; -1 at end of stream. */
    @FunctionalInterface
    public interface Source {
        int read(byte[] b, int off, int len) throws IOException;
    }

    /** An input stream that reads through {@code source} and closes {@code onClose}. */
    public static InputStream input(Source source, Closeable onClose) {
        return new BulkInputStream() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : source.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                onClose.close();
            }
        };
    }

    /** An output stream that hands every write to {@code sink} whole and closes {@code onClose}. */
    public static OutputStream output(Pump.Sink sink, Closeable onClose) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                sink.accept(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                sink.accept(b, off, len);
            }

            @Override
            public void close() throws IOException {
                onClose.close();
            }
        };
    }
}
