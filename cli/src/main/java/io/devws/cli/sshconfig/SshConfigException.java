package io.devws.cli.sshconfig;

import io.devws.cli.error.DevwsException;
import io.devws.cli.error.ExitCode;

/** A config that devws refuses to touch; the message is the one line the user sees. */
public class SshConfigException extends DevwsException {
    public SshConfigException(String message) {
        super(message, ExitCode.USER_ERROR);
    }

    public SshConfigException(String message, Throwable cause) {
        super(message, ExitCode.USER_ERROR, cause);
    }
}
