package io.devws.cli.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * What the ProxyCommand's own process tells about how to connect, beyond its arguments: whether a
 * stopped workspace starts on connect ({@value #START_ON_CONNECT}) and whether its stderr is a
 * terminal (ssh passes its own stderr on). JDK classes only: the agent's thin client reads these
 * and sends them, since the agent's environment is another process's.
 */
public final class ConnectSettings {
    /** Set to false (or 0, no, off) to keep stopped workspaces stopped when ssh connects. */
    public static final String START_ON_CONNECT = "DEVWS_START_ON_CONNECT";
    private static final Set<String> OFF = Set.of("false", "0", "no", "off");

    private ConnectSettings() {
    }

    /** The setting's value: anything but false/0/no/off (or unset) starts. */
    public static boolean startOnConnect(String value) {
        return value == null || !OFF.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether this process's stderr is a terminal (Java 17 has no isatty: System.console() asks about
     * stdin and stdout, which are ssh's pipes here). Linux's /proc names the device; elsewhere: false.
     */
    public static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
