package io.devws.cli.tunnel;

/** The workspace offered a host key other than the pinned one: the connection is refused (exit 255, as ssh). */
public class HostKeyMismatchException extends TunnelException {
    public HostKeyMismatchException(String message) {
        super(message);
    }
}
