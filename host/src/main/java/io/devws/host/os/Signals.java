package io.devws.host.os;

import java.util.Map;

/** Linux signal numbers by their SSH names (RFC 4254 §6.10), both ways. */
public final class Signals {
    public static final int HUP = 1;
    public static final int KILL = 9;
    public static final int CONT = 18;

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("ABRT", 6), Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10),
            Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14),
            Map.entry("TERM", 15));

    private Signals() {
    }

    /** The number of an SSH signal name, or -1 for a name outside RFC 4254's list. */
    public static int number(String name) {
        return NUMBERS.getOrDefault(name, -1);
    }

    /** The SSH name of a signal number; numbers outside RFC 4254's list become e.g. "SIG7@devws.io". */
    public static String name(int number) {
        for (Map.Entry<String, Integer> e : NUMBERS.entrySet()) {
            if (e.getValue() == number) {
                return e.getKey();
            }
        }
        // RFC 4254 §6.10: other names carry an "@domain" suffix
        return "SIG" + number + "@devws.io";
    }
}
