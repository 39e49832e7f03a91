package io.devws.cli.error;

/** The API server refused a request for lack of an RBAC verb (HTTP 403). */
public class ForbiddenException extends DevwsException {
    private final String verb;

    public ForbiddenException(String message, String verb, Throwable cause) {
        super(message, ExitCode.USER_ERROR, cause);
        this.verb = verb;
    }

    /** The RBAC verb that was missing, e.g. {@code list}. */
    public String verb() {
        return verb;
    }
}
