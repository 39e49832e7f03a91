package io.devws.cli.tunnel;

import io.devws.cli.error.DevwsException;
import io.devws.cli.error.ExitCode;

/** A tunnel that could not open or broke; the message is the one line the user sees (exit 255). */
public class TunnelException extends DevwsException {
    public TunnelException(String message) {
        super(message, ExitCode.TUNNEL);
    }

    public TunnelException(String message, Throwable cause) {
        super(message, ExitCode.TUNNEL, cause);
    }
}
