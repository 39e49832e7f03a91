package io.devws.sidecar.session.host;

/**
 * How sessions reach the dev container, as the sidecar reports it on its activity Lease
 * ({@link io.devws.model.SidecarContract#ANNOTATION_SESSION_PATH}): through the session host, or
 * through one exec per session (the fallback), with the reason.
 */
public record SessionPath(String path, String reason) {
    public static final String HOST = "host";
    public static final String EXEC = "exec";

    public static SessionPath host(String reason) {
        return new SessionPath(HOST, reason);
    }

    public static SessionPath exec(String reason) {
        return new SessionPath(EXEC, reason);
    }

    public boolean viaHost() {
        return HOST.equals(path);
    }
}
