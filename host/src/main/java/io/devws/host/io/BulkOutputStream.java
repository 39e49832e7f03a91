package io.devws.host.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream defined by its bulk write alone: the single-byte write goes through it. The host's
 * streams (a child's descriptors, a session's stdin frames) extend this instead of repeating the adapter.
 */
public abstract class BulkOutputStream extends OutputStream {
    @Override
    public final void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public abstract void write(byte[] b, int off, int len) throws IOException;
}
