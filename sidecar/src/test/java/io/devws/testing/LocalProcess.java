package io.devws.testing;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The local process behind one exec: plain pipes, or a PTY (pty4j) when the request has tty=true. */
final class LocalProcess {
    private final Process process;
    private final PtyProcess pty;

    private LocalProcess(Process process, PtyProcess pty) {
        this.process = process;
        this.pty = pty;
    }

    static LocalProcess start(List<String> command, Map<String, String> env, Path workdir, boolean tty)
            throws IOException {
        if (tty) {
            ExecTestServer.fixPty4jNativeFolder();
            PtyProcess p = new PtyProcessBuilder(command.toArray(String[]::new))
                    .setEnvironment(env)
                    .setDirectory(workdir.toString())
                    // no size: like the kubelet's TTY, 0x0 until the client's first resize
                    .setInitialColumns(0)
                    .setInitialRows(0)
                    .setConsole(false)
                    .setRedirectErrorStream(true)
                    .start();
            return new LocalProcess(p, p);
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(workdir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        return new LocalProcess(pb.start(), null);
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    InputStream stdout() {
        return process.getInputStream();
    }

    /** Null with a PTY (one merged stream, as the kubelet does). */
    InputStream stderr() {
        return pty == null ? process.getErrorStream() : null;
    }

    void resize(int columns, int rows) {
        if (pty != null && columns > 0 && rows > 0) {
            pty.setWinSize(new WinSize(columns, rows));
        }
    }

    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Kills the process and everything it started. */
    void kill() {
        // pty4j's process has no ProcessHandle of its own: go through the pid
        ProcessHandle.of(pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
        process.destroyForcibly();
    }
}
