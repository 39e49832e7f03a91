package io.devws.sidecar.session.local;

import com.pty4j.PtyProcess;
import com.pty4j.WinSize;
import java.io.InputStream;

/** A session process on a pty4j pseudo-terminal: one output stream, resizable. */
final class LocalPtyProcess extends LocalProcess {
    private final PtyProcess pty;

    LocalPtyProcess(PtyProcess pty) {
        super(pty);
        this.pty = pty;
    }

    @Override
    public InputStream stderr() {
        return InputStream.nullInputStream();
    }

    @Override
    public void resize(int columns, int rows) {
        if (pty.isRunning()) {
            pty.setWinSize(new WinSize(columns <= 0 ? 80 : columns, rows <= 0 ? 24 : rows));
        }
    }
}
