package io.devws.host.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Starts a session's process with posix_spawn(3) in a new session (setsid: its own process group,
 * so signals and clean-up reach everything it started) on fresh pipes or a new PTY, which becomes
 * its controlling terminal. {@link ProcessBuilder} cannot do either.
 */
public final class Spawner {
    private static final LibC C = LibC.INSTANCE;
    private static final int OPAQUE = 512; // > sizeof(posix_spawnattr_t)=336, file_actions=80, sigset_t=128
    /**
     * Capacity of a session's stdout pipe (F_SETPIPE_SZ; the default is 64 KiB). The daemon reads that pipe itself
     * (piped sessions), and a writer of small chunks ({@code head -c}: 8 KiB each) that finds it full waits for every
     * SSH packet the daemon sends: 64 MiB down took 0.86 s with 64 KiB, 0.60–0.73 s with 256 KiB or 1 MiB
     * (docs/benchmarks-e2e.md, "The host hands over the pipes"). Not more: the kernel counts pipe capacity per uid
     * on the node (pipe-user-pages-soft, 64 MiB), and every dev container of the same uid shares that budget.
     */
    public static final int OUTPUT_PIPE_BYTES = 256 * 1024;

    private Spawner() {
    }

    /** @param argv argv[0] as the process should see it ("-bash" for a login shell), then arguments */
    public static Child spawn(String path, List<String> argv, Map<String, String> env, String dir, Tty tty)
            throws IOException {
        Memory actions = new Memory(OPAQUE);
        Memory attr = new Memory(OPAQUE);
        C.posix_spawn_file_actions_init(actions);
        C.posix_spawnattr_init(attr);
        int[] in = null;
        int[] out = null;
        int[] err = null;
        int master = -1;
        String ttyName = null;
        try {
            if (tty != null) {
                master = C.posix_openpt(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
                C.grantpt(master);
                C.unlockpt(master);
                ttyName = ptsName(master);
                resize(master, tty.columns(), tty.rows());
                TtyModes.apply(master, tty.modes());
                // opened after setsid and without O_NOCTTY: the slave becomes the controlling terminal
                check(C.posix_spawn_file_actions_addopen(actions, 0, ttyName, LibC.O_RDWR, 0), "addopen");
                check(C.posix_spawn_file_actions_adddup2(actions, 0, 1), "adddup2");
                check(C.posix_spawn_file_actions_adddup2(actions, 0, 2), "adddup2");
            } else {
                in = pipe(0);
                out = pipe(OUTPUT_PIPE_BYTES);
                err = pipe(0);
                check(C.posix_spawn_file_actions_adddup2(actions, in[0], 0), "adddup2");
                check(C.posix_spawn_file_actions_adddup2(actions, out[1], 1), "adddup2");
                check(C.posix_spawn_file_actions_adddup2(actions, err[1], 2), "adddup2");
            }
            closeFrom3(actions);
            if (dir != null) {
                check(C.posix_spawn_file_actions_addchdir_np(actions, dir), "addchdir_np");
            }
            Memory none = new Memory(OPAQUE);
            C.sigemptyset(none);
            Memory all = new Memory(OPAQUE);
            C.sigfillset(all);
            C.sigdelset(all, Signals.KILL);
            C.sigdelset(all, 19); // SIGSTOP
            C.posix_spawnattr_setsigmask(attr, none);
            C.posix_spawnattr_setsigdefault(attr, all); // the JVM's handlers and ignores are not the user's
            C.posix_spawnattr_setflags(attr,
                    (short) (LibC.POSIX_SPAWN_SETSID | LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF));
            Map<String, String> full = new java.util.HashMap<>(env);
            if (ttyName != null) {
                full.put("SSH_TTY", ttyName);
            }
            String[] envp = full.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            int[] pid = new int[1];
            int rc = C.posix_spawn(pid, path, actions, attr, argv.toArray(String[]::new), envp);
            if (rc != 0) {
                throw new IOException("cannot run " + path + " in " + dir + ": errno " + rc);
            }
            Child child = tty != null
                    ? new Child(pid[0], master, master, -1, master, ttyName)
                    : new Child(pid[0], in[1], out[0], err[0], -1, null);
            master = -1;
            if (in != null) {
                in = new int[] {in[0], -1};
                out = new int[] {-1, out[1]};
                err = new int[] {-1, err[1]};
            }
            return child;
        } catch (LastErrorException e) {
            throw new IOException("cannot set up the session's " + (tty != null ? "terminal" : "pipes")
                    + ": errno " + e.getErrorCode());
        } finally {
            C.posix_spawn_file_actions_destroy(actions);
            C.posix_spawnattr_destroy(attr);
            closeAll(in);
            closeAll(out);
            closeAll(err);
            if (master >= 0) {
                C.close(master);
            }
        }
    }

    public static void resize(int master, int columns, int rows) {
        try {
            C.ioctl(master, LibC.TIOCSWINSZ, new short[] {(short) rows, (short) columns, 0, 0});
        } catch (LastErrorException e) {
            // the terminal is gone with its process
        }
    }

    private static void closeFrom3(Pointer actions) {
        try {
            C.posix_spawn_file_actions_addclosefrom_np(actions, 3); // glibc ≥ 2.34
        } catch (UnsatisfiedLinkError e) {
            // older glibc: the JVM's and our descriptors are close-on-exec
        }
    }

    private static String ptsName(int master) throws IOException {
        byte[] buf = new byte[128];
        int rc = C.ptsname_r(master, buf, buf.length);
        if (rc != 0) {
            throw new IOException("ptsname_r: errno " + rc);
        }
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.US_ASCII);
    }

    private static int[] pipe(int bytes) {
        int[] fds = new int[2];
        C.pipe2(fds, LibC.O_CLOEXEC);
        if (bytes > 0) {
            try {
                C.fcntl(fds[0], LibC.F_SETPIPE_SZ, bytes);
            } catch (LastErrorException e) {
                // over the system's pipe-max-size or the user's pipe budget: the default 64 KiB still works
            }
        }
        return fds;
    }

    private static void check(int rc, String what) throws IOException {
        if (rc != 0) {
            throw new IOException("posix_spawn_file_actions_" + what + ": errno " + rc);
        }
    }

    private static void closeAll(int[] fds) {
        if (fds != null) {
            for (int fd : fds) {
                if (fd >= 0) {
                    C.close(fd);
                }
            }
        }
    }

    /** A terminal request: size and RFC 4254 §8 modes. */
    public record Tty(int columns, int rows, Map<Integer, Integer> modes) {
    }
}
