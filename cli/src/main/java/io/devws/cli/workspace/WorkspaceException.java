package io.devws.cli.workspace;

import io.devws.cli.error.DevwsException;
import io.devws.cli.error.ExitCode;

/** A lifecycle request that cannot be done; the message is the one line the user sees. */
public class WorkspaceException extends DevwsException {
    public WorkspaceException(String message) {
        super(message, ExitCode.USER_ERROR);
    }

    public WorkspaceException(String message, Throwable cause) {
        super(message, ExitCode.USER_ERROR, cause);
    }
}
