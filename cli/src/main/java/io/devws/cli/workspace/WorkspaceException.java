package io.devws.cli.workspace;

/** A lifecycle request that cannot be done; the message is the one line the user sees. */
public class WorkspaceException extends RuntimeException {
    public WorkspaceException(String message) {
        super(message);
    }

    public WorkspaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
