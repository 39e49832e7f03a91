package io.devws.sidecar.session.local;

import java.io.InputStream;

/** A session process without a PTY: separate stdout and stderr pipes. */
final class LocalPipeProcess extends LocalProcess {
    LocalPipeProcess(Process process) {
        super(process);
    }

    @Override
    public InputStream stderr() {
        return process.getErrorStream();
    }

    @Override
    public void resize(int columns, int rows) {
        // no terminal
    }
}
