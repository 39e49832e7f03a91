package io.devws.sidecar.bridge;

import io.devws.model.SidecarContract;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * The per-connection hot path: {@code ssh-server --stdio} with a daemon listening. Decides from
 * the raw arguments whether to bridge, before any option parser or SSH class loads; everything
 * else (no daemon, other commands) falls through to the full command line.
 */
public final class FastPath {
    private FastPath() {
    }

    /** The launcher's bridge-only JVM has no other jar on its class path; 75 = EX_TEMPFAIL, "retry in full". */
    public static final String BRIDGE_ONLY = "devws.bridge-only";
    public static final int NO_DAEMON = 75;

    /** @return an exit code when it bridged, or -1 to continue with the full command line */
    public static int tryBridge(String[] args) {
        if (args.length < 2 || !"ssh-server".equals(args[0])) {
            return -1;
        }
        boolean stdio = false;
        String socket = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if ("--stdio".equals(a)) {
                stdio = true;
            } else if ("--socket".equals(a) && i + 1 < args.length) {
                socket = args[++i];
            } else if (a.startsWith("--socket=")) {
                socket = a.substring("--socket=".length());
            } else if ("--help".equals(a) || "-h".equals(a) || "--no-daemon".equals(a)) {
                return -1;
            }
        }
        if (!stdio) {
            return -1;
        }
        if (socket == null) {
            String env = System.getenv(SidecarContract.ENV_SOCKET);
            socket = env == null || env.isEmpty() ? SidecarContract.SOCKET_PATH : env;
        }
        SocketChannel daemon = Bridge.connect(Path.of(socket));
        if (daemon == null) {
            return Boolean.getBoolean(BRIDGE_ONLY) ? NO_DAEMON : -1;
        }
        return Bridge.run(daemon);
    }
}
