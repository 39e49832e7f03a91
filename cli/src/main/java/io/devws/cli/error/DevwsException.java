package io.devws.cli.error;

/**
 * The base of every failure the CLI expects: its message is the one line the user sees
 * ({@code devws: MESSAGE}, no stack trace unless {@code --verbose}) and it carries the exit code
 * ({@link ExitCode}). Callers that must react differently catch a subclass, never match on text.
 */
public class DevwsException extends RuntimeException {
    private final int exitCode;

    public DevwsException(String message, int exitCode) {
        this(message, exitCode, null);
    }

    public DevwsException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
