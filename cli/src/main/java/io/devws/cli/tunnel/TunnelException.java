package io.devws.cli.tunnel;

/** A tunnel that could not open or broke; the message is the one line the user sees (exit 255). */
public class TunnelException extends RuntimeException {
    public TunnelException(String message) {
        super(message);
    }

    public TunnelException(String message, Throwable cause) {
        super(message, cause);
    }
}
