package io.devws.sidecar.session.local;

import io.devws.sidecar.session.SessionProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/** What the pipe and PTY variants share: signals, exit status, killing the whole process tree. */
abstract class LocalProcess implements SessionProcess {
    protected final Process process;
    private final CompletableFuture<ExitStatus> exit;

    LocalProcess(Process process) {
        this.process = process;
        this.exit = process.onExit().thenApply(p -> status(p.exitValue()));
    }

    private static ExitStatus status(int code) {
        String signal = Signals.nameOfExitCode(code);
        return signal == null ? ExitStatus.exited(code) : new ExitStatus(code, signal);
    }

    @Override
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public boolean signal(String name) {
        return process.isAlive() && Signals.send(pid(), name);
    }

    @Override
    public CompletableFuture<ExitStatus> onExit() {
        return exit;
    }

    @Override
    public void destroy() {
        ProcessHandle.of(pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
        process.destroyForcibly();
    }

    /** pty4j processes have a pid but no {@code ProcessHandle} of their own. */
    protected long pid() {
        return process.pid();
    }
}
