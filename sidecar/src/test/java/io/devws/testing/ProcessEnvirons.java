package io.devws.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds processes by their environment ({@code /proc/PID/environ}), not their command line: a remote
 * command started with {@code export MARK=...} carries the marker, while the ssh client whose argv spells
 * that command out does not, so a check for "the remote process is gone" cannot be fooled by the client.
 */
public final class ProcessEnvirons {
    private ProcessEnvirons() {
    }

    /** Live processes (other than this JVM) whose environment has {@code name=value}. */
    public static List<ProcessHandle> withVariable(String name, String value) {
        return containing("\0" + name + "=" + value + "\0", true);
    }

    /** Live processes (other than this JVM) whose environment contains {@code text} anywhere. */
    public static List<ProcessHandle> containing(String text) {
        return containing(text, false);
    }

    private static List<ProcessHandle> containing(String text, boolean whole) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses().filter(h -> h.pid() != self && contains(h.pid(), needle, whole)).toList();
    }

    private static boolean contains(long pid, byte[] needle, boolean whole) {
        byte[] env;
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            if (!whole) {
                env = raw;
            } else {
                // NUL on both sides, so the first and the last variable match like the others
                env = new byte[raw.length + 2];
                System.arraycopy(raw, 0, env, 1, raw.length);
                env[raw.length + 1] = 0;
            }
        } catch (IOException | RuntimeException e) {
            return false; // gone, or not ours to read
        }
        outer:
        for (int i = 0; i + needle.length <= env.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (env[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
