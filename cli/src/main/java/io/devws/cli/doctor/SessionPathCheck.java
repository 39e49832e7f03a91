package io.devws.cli.doctor;

import io.devws.model.SshStatus;

/**
 * The doctor's line about how sessions reach the dev container. The per-session exec fallback still
 * gives working sessions, so it passes, but with its reason and the cost, so a slow workspace is explained.
 */
final class SessionPathCheck {
    static final String TITLE = "sessions reach the dev container";

    private SessionPathCheck() {
    }

    static Check of(SshStatus ssh) {
        String path = ssh == null ? null : ssh.getSessionPath();
        if (path == null) {
            return Check.skip(TITLE, "the sidecar has not reported its session path yet");
        }
        String reason = ssh.getSessionPathReason() == null ? "" : ": " + ssh.getSessionPathReason();
        return switch (path) {
            case "host" -> Check.pass(TITLE, "through the session host (no exec per session)" + reason);
            case "exec" -> Check.pass(TITLE, "through one exec per session, the fallback (slower start, two exec hops)" + reason);
            default -> Check.fail(TITLE, "unknown session path '" + path + "'" + reason, "update devws: this CLI is older than the sidecar");
        };
    }
}
