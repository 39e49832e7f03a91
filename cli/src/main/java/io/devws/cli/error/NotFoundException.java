package io.devws.cli.error;

/** The named workspace (or its pod) does not exist. */
public class NotFoundException extends DevwsException {
    public NotFoundException(String message) {
        super(message, ExitCode.USER_ERROR);
    }
}
