package io.devws.cli.client;

import io.devws.cli.error.DevwsException;
import io.devws.cli.error.ExitCode;
import io.devws.cli.tunnel.Tunnel;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.EnumSet;
import java.util.Optional;
import org.apache.sshd.client.channel.PtyCapableChannelSession;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * {@code devws ssh NAME}: an interactive SSH client on Apache MINA over a {@link Tunnel} (see
 * {@link SshConnection}), needing no OpenSSH: PTY and resize, raw terminal, forwards, exit code.
 */
public final class BuiltinClient {
    private final ClientOptions options;
    private final ClientIo io;

    public BuiltinClient(ClientOptions options, ClientIo io) {
        this.options = options;
        this.io = io;
    }

    /** Runs the session to its end; returns the exit code (remote status, 128+signal, 255 when broken). */
    public int run(Tunnel tunnel, PublicKey pinned) throws IOException {
        rejectUnixForwards();
        Path agent = options.agent() ? reachableAgent(agentSocket(), io.err()) : null;
        try (SshConnection connection = SshConnection.open(tunnel, pinned, agent, options.timeout())) {
            startForwards(connection.session());
            return runChannel(connection.session(), agent != null);
        }
    }

    /**
     * The agent socket when an agent answers there; null, after one warning line, when it does not (a stale
     * SSH_AUTH_SOCK: the file gone, or nobody listening). As OpenSSH, the session then runs without forwarding.
     */
    static Path reachableAgent(Path socket, java.io.OutputStream err) throws IOException {
        try (UnixSocketAgent probe = UnixSocketAgent.connect(socket)) {
            return socket;
        } catch (IOException e) {
            String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            err.write(("devws: warning: could not connect to agent \"" + socket + "\": " + reason
                    + "; agent forwarding is off (is SSH_AUTH_SOCK stale? eval $(ssh-agent) && ssh-add)\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            err.flush();
            return null;
        }
    }

    private int runChannel(ClientSession session, boolean agent) throws IOException {
        boolean pty = options.wantsPty(io.terminal());
        PtyCapableChannelSession channel = options.interactive() ? session.createShellChannel()
                : session.createExecChannel(String.join(" ", options.command()));
        channel.setUsePty(pty);
        if (pty) {
            channel.setPtyType(Optional.ofNullable(System.getenv("TERM")).orElse("xterm-256color"));
            int[] size = RawTerminal.size().orElse(new int[] {80, 24});
            channel.setPtyColumns(size[0]);
            channel.setPtyLines(size[1]);
        }
        Optional.ofNullable(System.getenv("LANG")).ifPresent(lang -> channel.setEnv("LANG", lang));
        channel.setAgentForwarding(agent);
        channel.setIn(io.in());
        channel.setOut(io.out());
        channel.setErr(io.err());
        channel.open().verify(options.timeout());
        RawTerminal raw = pty && io.terminal() ? RawTerminal.enter() : null;
        try {
            if (raw != null) {
                RawTerminal.onResize(() -> RawTerminal.size().ifPresent(s -> {
                    try {
                        channel.sendWindowChange(s[0], s[1]);
                    } catch (IOException e) {
                        // the session is ending
                    }
                }));
            }
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
            return ExitCodes.of(channel.getExitStatus(), channel.getExitSignal());
        } finally {
            if (raw != null) {
                raw.close();
            }
        }
    }

    private void startForwards(ClientSession session) throws IOException {
        for (PortSpec f : options.localForwards()) {
            try {
                session.startLocalPortForwarding(address(f.listen()), address(f.target()));
            } catch (java.net.BindException e) {
                throw new DevwsException("cannot forward local " + f.listen().host() + ":" + f.listen().port()
                        + ": it is already in use (" + e.getMessage() + "); pick another local port, e.g. -L OTHER:"
                        + f.target().port(), ExitCode.USER_ERROR, e);
            }
        }
        for (PortSpec f : options.remoteForwards()) {
            session.startRemotePortForwarding(address(f.listen()), address(f.target()));
        }
    }

    private static SshdSocketAddress address(PortSpec.Endpoint e) {
        return new SshdSocketAddress(e.host(), e.port());
    }

    private void rejectUnixForwards() {
        java.util.List<PortSpec> all = new java.util.ArrayList<>(options.localForwards());
        all.addAll(options.remoteForwards());
        for (PortSpec f : all) {
            if (f.listen().isUnix() || f.target().isUnix()) {
                throw new IllegalArgumentException("the built-in client forwards TCP ports only (" + f
                        + "): for Unix sockets use OpenSSH, e.g. ssh -L " + f.listen() + ":" + f.target() + " NAME.devws");
            }
        }
    }

    static Path agentSocket() {
        String sock = System.getenv("SSH_AUTH_SOCK");
        if (sock == null || sock.isBlank()) {
            throw new IllegalArgumentException("-A needs a local ssh-agent: SSH_AUTH_SOCK is not set (start one with eval $(ssh-agent) and ssh-add)");
        }
        return Path.of(sock);
    }
}
