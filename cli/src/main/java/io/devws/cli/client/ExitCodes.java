package io.devws.cli.client;

import java.util.Map;

/** The built-in client's exit code, as OpenSSH's: the remote status, 128+signal, or 255 when the connection broke. */
public final class ExitCodes {
    public static final int CONNECTION_FAILED = 255;
    private static final Map<String, Integer> SIGNALS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("ABRT", 6),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12),
            Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15));

    private ExitCodes() {
    }

    public static int of(Integer status, String signal) {
        if (status != null) {
            return status;
        }
        if (signal != null) {
            return 128 + SIGNALS.getOrDefault(signal, 0);
        }
        return CONNECTION_FAILED;
    }
}
