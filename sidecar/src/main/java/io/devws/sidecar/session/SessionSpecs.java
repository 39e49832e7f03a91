package io.devws.sidecar.session;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.server.Environment;

/** Pure mapping from what the SSH channel collected (env, pty-req, addresses) to a {@link ProcessSpec}. */
public final class SessionSpecs {
    private SessionSpecs() {
    }

    public static ProcessSpec of(String command, Map<String, String> channelEnv, SocketAddress client,
                                 SocketAddress server, String workdir) {
        return of(command, channelEnv, Map.of(), client, server, workdir);
    }

    /** @param ptyModes the pty-req's terminal modes as MINA parsed them */
    public static ProcessSpec of(String command, Map<String, String> channelEnv, Map<PtyMode, Integer> ptyModes,
                                 SocketAddress client, SocketAddress server, String workdir) {
        Map<String, String> env = new HashMap<>(channelEnv);
        ProcessSpec.PtySize pty = null;
        if (env.containsKey(Environment.ENV_COLUMNS) || env.containsKey(Environment.ENV_LINES)) {
            Map<Integer, Integer> modes = new HashMap<>();
            ptyModes.forEach((mode, value) -> modes.put(mode.toInt(), value));
            pty = new ProcessSpec.PtySize(parse(env.get(Environment.ENV_COLUMNS)), parse(env.get(Environment.ENV_LINES)),
                    modes);
        }
        // MINA keeps the pty size and the SSH user name in the same map; neither is a variable sshd sets
        env.remove(Environment.ENV_COLUMNS);
        env.remove(Environment.ENV_LINES);
        env.remove(Environment.ENV_USER);
        if (pty == null) {
            env.remove(Environment.ENV_TERM);
        }
        String[] c = hostPort(client);
        String[] s = hostPort(server);
        env.put("SSH_CONNECTION", c[0] + " " + c[1] + " " + s[0] + " " + s[1]);
        env.put("SSH_CLIENT", c[0] + " " + c[1] + " " + s[1]);
        return new ProcessSpec(command, env, workdir, pty);
    }

    private static String[] hostPort(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            return new String[] {i.getAddress() == null ? i.getHostString() : i.getAddress().getHostAddress(),
                Integer.toString(i.getPort())};
        }
        return new String[] {"127.0.0.1", "0"};
    }

    private static int parse(String v) {
        try {
            return v == null ? 0 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
