package io.devws.transport.exec;

import io.fabric8.kubernetes.api.model.Status;

/**
 * How an exec ended: the exit code read from the Kubernetes Status the server sent (-1 when the
 * Status carries none, e.g. the command could not start) and that Status (null when there was none).
 */
public record ExecExit(int code, Status status) {
}
