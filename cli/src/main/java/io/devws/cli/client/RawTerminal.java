package io.devws.cli.client;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The local terminal in raw mode for an interactive session (every key goes to the workspace,
 * Ctrl-C included), restored on close, through {@code stty} on {@code /dev/tty}.
 */
public final class RawTerminal implements AutoCloseable {
    private static final File TTY = new File("/dev/tty");
    private final String saved;

    private RawTerminal(String saved) {
        this.saved = saved;
    }

    public static RawTerminal enter() throws IOException {
        String saved = stty("-g").trim();
        RawTerminal terminal = new RawTerminal(saved);
        Runtime.getRuntime().addShutdownHook(new Thread(terminal::close));
        stty("raw", "-echo");
        return terminal;
    }

    /** Columns × rows of the terminal, if it can tell. */
    public static Optional<int[]> size() {
        try {
            return parseSize(stty("size"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code stty size} prints "rows columns". */
    static Optional<int[]> parseSize(String sttySize) {
        String[] parts = sttySize.trim().split("\\s+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[0])});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Calls {@code onResize} on SIGWINCH (JDK-internal signal API; silently unavailable elsewhere). */
    @SuppressWarnings("restriction")
    public static void onResize(Runnable onResize) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), s -> onResize.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGWINCH here: the size stays as it was at start
        }
    }

    private static String stty(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            stty(saved);
        } catch (IOException e) {
            // the terminal is gone; nothing to restore
        }
    }
}
