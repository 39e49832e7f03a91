package io.devws.model.exec;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;

/**
 * An exec output stream that ends with EOF: Fabric8 ends it with an IOException instead once the
 * process exited non-zero, though every byte was delivered; the exit code travels separately.
 * Shared by both exec hops: the CLI's tunnel and the sidecar's kube executor.
 */
public final class ExecOutput extends InputStream {
    private final InputStream in;
    private final BooleanSupplier exited;

    /** @param exited true once the exit status arrived (checked when the stream fails) */
    public ExecOutput(InputStream in, BooleanSupplier exited) {
        this.in = in;
        this.exited = exited;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            if (exited.getAsBoolean()) {
                return -1;
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
