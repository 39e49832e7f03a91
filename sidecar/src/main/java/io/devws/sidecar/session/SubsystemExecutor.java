package io.devws.sidecar.session;

/**
 * An executor that also runs SSH subsystems ("sftp") in the dev container, as its user, so the
 * sidecar's own files (its token, the host key) stay out of reach (docs/session-host.md).
 */
public interface SubsystemExecutor extends SessionExecutor {
    /** The executor for sessions of subsystem {@code name}. */
    SessionExecutor subsystem(String name);
}
