package io.devws.cli.local;

import io.devws.cli.error.DevwsException;
import io.devws.cli.error.ExitCode;

/** A --local operation that failed; the message is the one line the user sees. */
public class LocalException extends DevwsException {
    public LocalException(String message) {
        super(message, ExitCode.USER_ERROR);
    }

    public LocalException(String message, Throwable cause) {
        super(message, ExitCode.USER_ERROR, cause);
    }
}
