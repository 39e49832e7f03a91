package io.devws.host.os;

import com.sun.jna.LastErrorException;
import io.devws.host.protocol.ExitInfo;

/**
 * A spawned session process, leader of its own process group. With a PTY, stdin and stdout are the
 * master and {@code stderr} is -1. Descriptors are closed by {@link #closeStdin()} and {@link #release()}.
 */
public final class Child {
    private static final LibC C = LibC.INSTANCE;

    private final int pid;
    private final int stdin;
    private final int stdout;
    private final int stderr;
    private final int master;
    private final String tty;
    private volatile boolean exited;
    private boolean stdinClosed;
    private boolean released;

    Child(int pid, int stdin, int stdout, int stderr, int master, String tty) {
        this.pid = pid;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.master = master;
        this.tty = tty;
    }

    public int pid() {
        return pid;
    }

    public int stdin() {
        return stdin;
    }

    public int stdout() {
        return stdout;
    }

    public int stderr() {
        return stderr;
    }

    public String tty() {
        return tty;
    }

    public boolean hasTty() {
        return master >= 0;
    }

    public boolean exited() {
        return exited;
    }

    public void resize(int columns, int rows) {
        if (master >= 0) {
            Spawner.resize(master, columns, rows);
        }
    }

    /** Signals the whole process group (the session leader and everything it started). */
    public boolean signalGroup(int signal) {
        try {
            return C.kill(-pid, signal) == 0;
        } catch (LastErrorException e) {
            return false;
        }
    }

    /** Whether any process of the session's group still exists (the leader may be gone). */
    public boolean groupAlive() {
        return signalGroup(0);
    }

    /** Blocks until the leader ends; waitpid(2)'s status decoded into an exit code or a signal. */
    public ExitInfo waitFor() {
        int[] status = new int[1];
        while (true) {
            try {
                C.waitpid(pid, status, 0);
                break;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EINTR) {
                    exited = true;
                    return new ExitInfo(255, null, false);
                }
            }
        }
        exited = true;
        int s = status[0];
        int termsig = s & 0x7f;
        if (termsig == 0) {
            return new ExitInfo((s >> 8) & 0xff, null, false);
        }
        return new ExitInfo(128 + termsig, Signals.name(termsig), (s & 0x80) != 0);
    }

    /** A real half-close: the process reads EOF. A PTY's input stays open (EOF there is a ^D byte). */
    public synchronized void closeStdin() {
        if (!stdinClosed && master < 0) {
            stdinClosed = true;
            C.close(stdin);
        }
    }

    /**
     * Gives up the pipes (stdin, stdout, stderr, in that order) to a caller who hands them on: this child no longer
     * closes them. Not for a PTY session.
     */
    public synchronized int[] detachPipes() {
        if (master >= 0 || released || stdinClosed) {
            throw new IllegalStateException("no pipes to detach");
        }
        released = true;
        stdinClosed = true;
        return new int[] {stdin, stdout, stderr};
    }

    /** Closes the remaining descriptors, once no thread reads or writes them any more. Once only. */
    public synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        if (master >= 0) {
            C.close(master);
            return;
        }
        if (!stdinClosed) {
            stdinClosed = true;
            C.close(stdin);
        }
        C.close(stdout);
        C.close(stderr);
    }
}
