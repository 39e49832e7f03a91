package io.devws.cli.local;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Files of one --local workspace under {@code ~/.devws/local/NAME}. */
public record LocalLayout(Path dir) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public static Path root(Path home) {
        return home.resolve(".devws").resolve("local");
    }

    public static LocalLayout of(Path home, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid workspace name '" + name + "': use lowercase letters, digits and '-' (like a Kubernetes name)");
        }
        return new LocalLayout(root(home).resolve(name));
    }

    public String name() {
        return dir.getFileName().toString();
    }

    /** The session's working directory (what a pod's /workspace volume is). */
    public Path workdir() {
        return dir.resolve("workspace");
    }

    public Path hostKey() {
        return dir.resolve("ssh_host_ed25519_key");
    }

    public Path hostPublicKey() {
        return dir.resolve("ssh_host_ed25519_key.pub");
    }

    /** The stable agent socket lives here, as /run/devws/agent in a pod. */
    public Path agentDir() {
        return dir.resolve("agent");
    }

    public Path socketDir() {
        return dir.resolve("sshd");
    }

    public Path socket() {
        return socketDir().resolve("sshd.sock");
    }

    public Path daemonPid() {
        return socketDir().resolve("daemon.pid");
    }

    public Path daemonLog() {
        return dir.resolve("daemon.log");
    }
}
