package io.devws.cli.sshconfig;

/** A config that devws refuses to touch; the message is the one line the user sees. */
public class SshConfigException extends RuntimeException {
    public SshConfigException(String message) {
        super(message);
    }

    public SshConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
