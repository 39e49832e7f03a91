package io.devws.model;

/**
 * The contract between the operator (which builds the pod), the sidecar (which reads its settings
 * from the environment) and the CLI (which execs into the pod). One place, so the three never drift.
 */
public final class SidecarContract {
    /** Container running the SSH sidecar; the CLI execs into it. */
    public static final String SIDECAR_CONTAINER = "devws-sshd";
    /** Default name of the user's container. */
    public static final String DEV_CONTAINER = "dev";
    /** Exactly what the CLI execs in {@link #SIDECAR_CONTAINER}; settings come from DEVWS_* variables. */
    public static final String[] STDIO_COMMAND = {"devws-sidecar", "ssh-server", "--stdio"};

    // Sidecar settings (a flag on the command line wins over its variable).
    public static final String ENV_SOCKET = "DEVWS_SOCKET";
    public static final String ENV_HOST_KEY = "DEVWS_HOST_KEY";
    public static final String ENV_AGENT_DIR = "DEVWS_AGENT_DIR";
    public static final String ENV_EXECUTOR = "DEVWS_EXECUTOR";
    public static final String ENV_WORKDIR = "DEVWS_WORKDIR";
    public static final String ENV_KEEPALIVE = "DEVWS_KEEPALIVE";
    public static final String ENV_AGENT_FORWARDING = "DEVWS_AGENT_FORWARDING";
    public static final String ENV_TCP_FORWARDING = "DEVWS_TCP_FORWARDING";
    public static final String ENV_REPORT_ACTIVITY = "DEVWS_REPORT_ACTIVITY";
    /** For the kube executor: where sessions run. */
    public static final String ENV_POD_NAME = "DEVWS_POD_NAME";
    public static final String ENV_POD_NAMESPACE = "DEVWS_POD_NAMESPACE";
    public static final String ENV_DEV_CONTAINER = "DEVWS_DEV_CONTAINER";
    /** The workspace's activity Lease (in DEVWS_POD_NAMESPACE) that the sidecar renews and annotates. */
    public static final String ENV_ACTIVITY_LEASE = "DEVWS_ACTIVITY_LEASE";

    // Paths inside the pod.
    /** Directory of the daemon's Unix socket; an emptyDir mounted in the sidecar container only. */
    public static final String SOCKET_DIR = "/run/devws/sshd";
    public static final String SOCKET_PATH = SOCKET_DIR + "/sshd.sock";
    /** Shared emptyDir (both containers) holding the stable agent socket. */
    public static final String AGENT_DIR = "/run/devws/agent";
    public static final String AGENT_SOCKET = AGENT_DIR + "/agent.sock";
    /**
     * The session host's runtime (a jlink'ed JRE and its jars, docs/session-host.md): an emptyDir
     * that an init container fills from the sidecar image, mounted read-only in the dev container.
     */
    public static final String HOST_DIR = "/opt/devws-host";
    /** The host's launcher (POSIX sh); {@code start} daemonizes it and returns once it listens. */
    public static final String HOST_LAUNCHER = HOST_DIR + "/bin/devws-host";
    /** Shared emptyDir (both containers) holding the session host's socket. */
    public static final String HOST_SOCKET_DIR = "/run/devws/host";
    public static final String HOST_SOCKET = HOST_SOCKET_DIR + "/host.sock";
    /** Where the sidecar finds the host's socket (default {@link #HOST_SOCKET}). */
    public static final String ENV_HOST_SOCKET = "DEVWS_HOST_SOCKET";
    /** Read-only mount of the host-key Secret. */
    public static final String HOST_KEY_DIR = "/etc/devws/hostkey";
    /** Secret keys: OpenSSH private key format and the one-line public key. */
    public static final String HOST_KEY_SECRET_PRIVATE = "ssh_host_ed25519_key";
    public static final String HOST_KEY_SECRET_PUBLIC = "ssh_host_ed25519_key.pub";
    public static final String HOST_KEY_PATH = HOST_KEY_DIR + "/" + HOST_KEY_SECRET_PRIVATE;

    // Metadata.
    public static final String LABEL_WORKSPACE = "devws.io/workspace";
    /**
     * How often the sidecar looks at its connections, and how often at most it reports activity while
     * an SSH connection is open (whatever its traffic) or bytes flowed since the last look.
     */
    public static final java.time.Duration ACTIVITY_TICK = java.time.Duration.ofSeconds(10);
    public static final java.time.Duration ACTIVITY_REPORT_INTERVAL = java.time.Duration.ofSeconds(30);
    /**
     * What the operator adds to idleTimeout before it stops a workspace: a report may be up to one
     * interval plus one tick old, plus time for the Lease's PATCH to land (docs/idle-stop.md). So a workspace
     * with an open connection is never stopped, and one without stops within idleTimeout + this.
     */
    public static final java.time.Duration ACTIVITY_GRACE = ACTIVITY_REPORT_INTERVAL.plus(ACTIVITY_TICK).plusSeconds(20);
    /**
     * How sessions reach the dev container, reported by the sidecar as annotations of its activity
     * Lease ({@link WorkspaceNames#activityLease()}): "host" (the session host) or "exec" (one exec per
     * session, the fallback), with the reason in {@link #ANNOTATION_SESSION_PATH_REASON}. The time of
     * the last SSH activity is the Lease's spec.renewTime.
     */
    public static final String ANNOTATION_SESSION_PATH = "devws.io/session-path";
    public static final String ANNOTATION_SESSION_PATH_REASON = "devws.io/session-path-reason";
    /** Set on the DevWorkspace when the operator stopped it, e.g. "idle". */
    public static final String ANNOTATION_STOPPED_BY = "devws.io/stopped-by";

    private SidecarContract() {
    }
}
