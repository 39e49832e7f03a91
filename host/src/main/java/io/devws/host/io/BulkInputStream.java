package io.devws.host.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream defined by its bulk read alone: the single-byte read goes through it. The host's streams (a
 * child's descriptors, a session's output on the daemon's side) extend this instead of repeating the adapter. The
 * transport module has the same class; the host imports no other devws module (docs/architecture.md), so it keeps
 * its own, as it does {@link BulkOutputStream}.
 */
public abstract class BulkInputStream extends InputStream {
    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
