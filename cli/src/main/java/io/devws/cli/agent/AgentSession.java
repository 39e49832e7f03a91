package io.devws.cli.agent;

import io.devws.cli.workspace.KubeOptions;
import io.devws.cli.tunnel.HostKeyPin;
import io.devws.cli.tunnel.KubeTunnels;
import io.devws.cli.tunnel.ReadyPod;
import io.devws.cli.tunnel.StdioPump;
import io.devws.cli.tunnel.Tunnel;
import io.devws.cli.error.DevwsException;
import io.devws.cli.error.ExitCode;
import io.devws.cli.tunnel.StdioTarget;
import io.devws.transport.stream.ChannelStreams;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * One thin client's connection: check it (same user, same build), parse its {@code ssh --stdio}
 * arguments as the in-process ProxyCommand would, open a tunnel (a new exec: the API server checks
 * RBAC for it) over a warm client, and relay until either side ends. The tunnel's one-line
 * failure and exit code go back as frames.
 */
final class AgentSession {
    static final List<String> STATUS = List.of("agent", "status");
    static final List<String> STOP = List.of("agent", "stop");

    private final AgentServer agent;
    private final SocketChannel ch;

    AgentSession(AgentServer agent, SocketChannel ch) {
        this.agent = agent;
        this.ch = ch;
    }

    void serve() {
        agent.sessionStarted();
        try (ch) {
            if (!sameUser()) {
                return; // the 0700 directory keeps others out; this is the second lock on the door
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.in(ch), 64 * 1024));
            AgentProtocol.Request request = AgentProtocol.Request.read(in, agent.identity());
            FrameOutput frames = new FrameOutput(ChannelStreams.out(ch));
            if (!request.identity().equals(agent.identity())) {
                frames.reply(AgentProtocol.OTHER_VERSION);
                agent.retire("a client of build " + request.identity() + " came");
                return;
            }
            if (request.args().equals(STATUS) || request.args().equals(STOP)) {
                control(request.args(), frames);
                return;
            }
            Optional<StdioTarget> target = target(request);
            if (target.isEmpty()) {
                frames.reply(AgentProtocol.FALLBACK);
                return;
            }
            frames.reply(AgentProtocol.ACCEPT);
            agent.tunnelAccepted();
            frames.exit(relay(target.get(), request, in, frames));
        } catch (IOException e) {
            // the thin client went away (ssh ended): the pump already closed the tunnel
        } finally {
            agent.sessionEnded();
        }
    }

    private int relay(StdioTarget target, AgentProtocol.Request request, DataInputStream in, FrameOutput frames) {
        PrintStream progress = new PrintStream(frames.stderr(), true, StandardCharsets.UTF_8);
        // the client's settings, terminal and home, not the agent's
        ReadyPod.Wait wait = target.wait(request.startOnConnect(), request.stderrTerminal());
        HostKeyPin pin = target.pin(request.home() != null ? Path.of(request.home()) : Path.of(System.getProperty("user.home")));
        try (WarmClients.Lease lease = agent.clients().acquire(target.kube(), target.ref());
             Tunnel tunnel = KubeTunnels.open(lease.connection(), target.ref().name(), wait, pin, progress)) {
            StdioPump.run(tunnel, in, frames.stdout());
            return 0;
        } catch (DevwsException e) {
            // as a ProxyCommand every known failure is one line and ssh's 255 (CliErrors does the same in-process)
            progress.println("devws: " + e.getMessage());
            return ExitCode.TUNNEL;
        } catch (RuntimeException e) {
            progress.println("devws: unexpected error: " + e);
            AgentServer.log("unexpected: " + e);
            return 1;
        }
    }

    /**
     * The ProxyCommand's target with the kubeconfig made explicit from the client's flags and
     * environment (the agent's own environment is another process's). Empty when the in-process
     * path must answer: usage errors, --local, no kubeconfig file (in-cluster or the "no
     * kubeconfig" message).
     */
    private Optional<StdioTarget> target(AgentProtocol.Request request) {
        List<String> args = request.args();
        if (args.isEmpty() || !args.get(0).equals("ssh")) {
            return Optional.empty();
        }
        Optional<StdioTarget> target = agent.targets().apply(args.subList(1, args.size()));
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Path kubeconfig = kubeconfig(target.get().kube(), request);
        if (kubeconfig == null || !Files.isReadable(kubeconfig)) {
            return Optional.empty();
        }
        KubeOptions options = target.get().kube().inNamespace(null);
        options.kubeconfig = kubeconfig.toString();
        return Optional.of(target.get().withKube(options));
    }

    /** As KubeConnection picks it: --kubeconfig, else the first file of $KUBECONFIG, else ~/.kube/config. */
    private static Path kubeconfig(KubeOptions kube, AgentProtocol.Request request) {
        Path cwd = Path.of(request.cwd());
        if (kube.kubeconfig != null) {
            return cwd.resolve(kube.kubeconfig).toAbsolutePath().normalize();
        }
        if (request.kubeconfigEnv() != null && !request.kubeconfigEnv().isBlank()) {
            return cwd.resolve(request.kubeconfigEnv().split(":")[0]).toAbsolutePath().normalize();
        }
        return request.home() == null ? null : Path.of(request.home(), ".kube", "config");
    }

    private void control(List<String> args, FrameOutput frames) throws IOException {
        frames.reply(AgentProtocol.ACCEPT);
        String text = args.equals(STATUS) ? agent.status() : "agent: stopping (pid " + ProcessHandle.current().pid() + ")\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        frames.stdout().write(bytes, 0, bytes.length);
        frames.exit(0);
        if (args.equals(STOP)) {
            agent.retire("devws agent stop");
        }
    }

    private boolean sameUser() {
        try {
            UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return peer.user().equals(agent.owner());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
