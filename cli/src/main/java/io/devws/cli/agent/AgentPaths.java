package io.devws.cli.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where a user's tunnel agent lives: {@code $XDG_RUNTIME_DIR/devws}, else {@code ~/.devws/run}
 * (the launcher {@code devws} computes the same path to skip the thin client when no socket
 * exists). The directory is 0700 and owned by the user, so only the user reaches the 0600 socket.
 */
public record AgentPaths(Path dir) {
    public static final String DISABLE_ENV = "DEVWS_AGENT";

    /** The current user's paths, from this process's environment. */
    public static AgentPaths current() {
        String override = System.getProperty("devws.agent.dir"); // the build's class-data training only
        return override != null ? new AgentPaths(Path.of(override)) : of(System.getenv());
    }

    static AgentPaths of(Map<String, String> env) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            return new AgentPaths(Path.of(runtime, "devws"));
        }
        String home = env.get("HOME");
        return new AgentPaths(Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".devws", "run"));
    }

    /** {@code DEVWS_AGENT=off} (or 0, false, no): every ProxyCommand works in-process, as before the agent. */
    public static boolean disabled() {
        String v = System.getenv(DISABLE_ENV);
        return v != null && (v.equalsIgnoreCase("off") || v.equals("0") || v.equalsIgnoreCase("false") || v.equalsIgnoreCase("no"));
    }

    public Path socket() {
        return dir.resolve("agent.sock");
    }

    public Path lock() {
        return dir.resolve("agent.lock");
    }

    /** The pid of the agent that owns the socket (for humans and tests; the socket is the truth). */
    public Path pid() {
        return dir.resolve("agent.pid");
    }

    public Path log() {
        return dir.resolve("agent.log");
    }

    /** Creates the directory 0700 (tightening one the user already owns); refuses one owned by somebody else. */
    public Path ensureDir() throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
        String me = System.getProperty("user.name");
        if (!owner.equals(me)) {
            throw new IOException(dir + " belongs to " + owner + ", not " + me + ": remove it or set XDG_RUNTIME_DIR");
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }
}
