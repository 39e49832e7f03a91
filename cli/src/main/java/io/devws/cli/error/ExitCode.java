package io.devws.cli.error;

/** The CLI's documented exit codes (README "Exit codes", {@code devws --help}). */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** A user error: something to fix (a name, a flag value, a permission, the cluster) before trying again. */
    public static final int USER_ERROR = 1;
    /** The command line itself is wrong: unknown flag, missing argument, malformed value. */
    public static final int USAGE = 2;
    /** The tunnel could not open or broke, as ssh's own 255. */
    public static final int TUNNEL = 255;

    private ExitCode() {
    }
}
