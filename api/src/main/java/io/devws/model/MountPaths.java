package io.devws.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the workspace volume may be mounted. It is mounted at the same path in the dev container and
 * in the sidecar, and the dev user may write to it: mounted over a directory the sidecar runs or reads
 * (its launcher, the JRE, /etc, its sockets), code written from the dev container would run as the
 * sidecar, with its token (docs/security.md, "A workspace cannot escape"). The CRD schema and the
 * operator apply the same two rules; both patterns are RE2 (no look-ahead), as the API server's are.
 */
public final class MountPaths {
    /** Absolute, not the root, no empty, "." or ".." segment (which would defeat {@link #RESERVED_PATTERN}). */
    public static final String PATTERN = "^(/([^/.\\x00][^/\\x00]*|\\.[^/.\\x00][^/\\x00]*|\\.\\.[^/\\x00]+))+/?$";
    /**
     * Top-level directories of the sidecar image the volume may not cover or enter: programs, libraries,
     * configuration, devws' own mounts (/run/devws, /opt/devws-host, /etc/devws, /tmp, the token under
     * /var/run/secrets) and kernel file systems.
     */
    public static final List<String> RESERVED = List.of(
            "bin", "boot", "dev", "etc", "lib", "lib32", "lib64", "libx32", "opt", "proc", "run", "sbin", "sys", "tmp", "usr", "var");
    /** Matches a path in or under a {@link #RESERVED} directory; the CRD says {@code not: {pattern: ...}}. */
    public static final String RESERVED_PATTERN = "^/(" + String.join("|", RESERVED) + ")(/.*)?$";

    private static final Pattern VALID = Pattern.compile(PATTERN);
    private static final Pattern IN_RESERVED = Pattern.compile(RESERVED_PATTERN);

    private MountPaths() {
    }

    /** Why {@code path} cannot hold the workspace volume, or empty when it can. */
    public static Optional<String> problem(String path) {
        if (path == null || !VALID.matcher(path).matches()) {
            return Optional.of("'" + path + "' is not an absolute path without '.' or '..' segments");
        }
        if (IN_RESERVED.matcher(path).matches()) {
            return Optional.of("'" + path + "' is in a system or devws directory (/" + String.join(", /", RESERVED)
                    + "): pick a path such as " + StorageSpec.DEFAULT_MOUNT_PATH + " or /home/dev");
        }
        return Optional.empty();
    }
}
