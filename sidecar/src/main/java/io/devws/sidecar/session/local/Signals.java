package io.devws.sidecar.session.local;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Map;

/** POSIX signals by their SSH names (RFC 4254 §6.10), sent with libc {@code kill(2)} through JNA. */
final class Signals {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("ABRT", 6), Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10),
            Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14),
            Map.entry("TERM", 15));

    private interface LibC extends Library {
        int kill(int pid, int sig);
    }

    private static volatile LibC libc;

    private Signals() {
    }

    /** Sends {@code name} to {@code pid}; false for a name this table does not know. */
    static boolean send(long pid, String name) {
        Integer n = NUMBERS.get(name);
        if (n == null) {
            return false;
        }
        return libc().kill((int) pid, n) == 0;
    }

    /** The SSH name of a signal that killed a process, from its shell-style exit code 128+n. */
    static String nameOfExitCode(int code) {
        if (code <= 128 || code > 128 + 15) {
            return null;
        }
        int n = code - 128;
        for (Map.Entry<String, Integer> e : NUMBERS.entrySet()) {
            if (e.getValue() == n) {
                return e.getKey();
            }
        }
        return null;
    }

    private static LibC libc() {
        if (libc == null) {
            libc = Native.load("c", LibC.class);
        }
        return libc;
    }
}
