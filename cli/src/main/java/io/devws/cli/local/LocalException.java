package io.devws.cli.local;

/** A --local operation that failed; the message is the one line the user sees. */
public class LocalException extends RuntimeException {
    public LocalException(String message) {
        super(message);
    }

    public LocalException(String message, Throwable cause) {
        super(message, cause);
    }
}
