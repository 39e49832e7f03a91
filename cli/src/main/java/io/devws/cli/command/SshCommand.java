package io.devws.cli.command;

import io.devws.cli.agent.AgentLauncher;
import io.devws.cli.tunnel.ConnectSettings;
import io.devws.cli.tunnel.HostKeyPin;
import io.devws.cli.tunnel.KubeTunnels;
import io.devws.cli.tunnel.ReadyPod;
import io.devws.cli.tunnel.StdioPump;
import io.devws.cli.tunnel.StdioTarget;
import io.devws.cli.tunnel.Tunnel;
import io.devws.cli.tunnel.TunnelException;
import io.devws.cli.workspace.KubeOptions;
import io.devws.cli.workspace.WorkspaceRef;
import io.devws.model.Durations;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code devws ssh --stdio WORKSPACE}: the OpenSSH ProxyCommand. Thin on purpose: parse, pick a
 * tunnel, delegate ({@link KubeTunnels}, {@link StdioPump}); a tunnel failure is one line on
 * stderr and exit 255 (via {@link CliErrors}).
 */
@Command(name = "ssh", description = {
        "Connect to a workspace's SSH server.",
        "With --stdio: the OpenSSH ProxyCommand, e.g. ProxyCommand devws ssh --stdio %%h",
        "With --stdio --verbose: also how the tunnel travels (exec protocol, TLS engine), on stderr.",
        "WORKSPACE is NAME, NAME.NAMESPACE, NAME.devws or NAME.NAMESPACE.devws."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  devws ssh ws                            # a shell, with the built-in client",
            "  devws ssh ws -L 8080 -- make run        # a command, forwarding local port 8080",
            "  devws ssh --start ws.team               # start ws in namespace team first if it is stopped",
            "  DEVWS_START_ON_CONNECT=false ssh ws.devws  # do not start a stopped ws on connect",
            "  ProxyCommand devws ssh --stdio %h       # in ~/.ssh/config (devws config-ssh writes it)"})
public final class SshCommand implements Callable<Integer> {
    @Mixin
    KubeOptions kube = new KubeOptions();

    @Mixin
    LocalOption local = new LocalOption();

    @Option(names = "--host-suffix", defaultValue = WorkspaceRef.DEFAULT_SUFFIX, paramLabel = "SUFFIX",
            description = "The ssh host suffix config-ssh was run with (default: ${DEFAULT-VALUE}).")
    String hostSuffix;

    @Option(names = "--stdio", description = "Relay the SSH connection over stdin/stdout (for ProxyCommand).")
    boolean stdio;

    @Option(names = "--shared", description = {"With --stdio: this tunnel serves an OpenSSH shared connection (config-ssh --multiplex)",
        "and lives long: the launcher trades ~0.3 s of start-up for about twice the throughput."})
    boolean shared;

    @Option(names = "--start", description = "Start the workspace if it is stopped (sets spec.started: true) and wait.")
    boolean start;

    @Option(names = "--no-start", description = {"With --stdio: leave a stopped workspace stopped (as " + ConnectSettings.START_ON_CONNECT + "=false does);",
        "by default connecting starts it and waits up to --timeout."})
    boolean noStart;

    @Option(names = "--timeout", defaultValue = "60s", paramLabel = "DURATION",
            description = "How long to wait for the workspace to be ready (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Parameters(index = "0", paramLabel = "WORKSPACE", description = "NAME, NAME.NAMESPACE or NAME[.NAMESPACE].devws")
    String workspace;

    @Mixin
    BuiltinClientOptions client = new BuiltinClientOptions();

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Command to run instead of a shell (after --; built-in client).")
    java.util.List<String> command = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        if (local.local) {
            return LocalSsh.run(workspace, stdio, client.toOptions(command, Duration.ofSeconds(60)));
        }
        StdioTarget target = target();
        if (!stdio) {
            return BuiltinSsh.cluster(target.kube(), target.ref(), start, target.timeout(), client.toOptions(command, target.timeout()));
        }
        ReadyPod.Wait wait = target.wait(System.getenv(ConnectSettings.START_ON_CONNECT), ConnectSettings.stderrIsTerminal());
        HostKeyPin pin = target.pin(Path.of(System.getProperty("user.home")));
        try (Tunnel tunnel = KubeTunnels.open(target.kube(), target.ref(), wait, pin, System.err)) {
            if (target.kube().verbose) {
                System.err.println("devws: tunnel: " + tunnel.describe());
            }
            // an agent for the next connections, started when it no longer slows this one
            AgentLauncher.startSoon();
            StdioPump.run(tunnel, new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out));
        }
        return 0;
    }

    /** What a cluster ProxyCommand connects to, parsed as {@link #call()} does; empty for --local or without --stdio. */
    public Optional<StdioTarget> stdioTarget() {
        return stdio && !local.local ? Optional.of(target()) : Optional.empty();
    }

    private StdioTarget target() {
        try {
            return new StdioTarget(kube.resolved(), WorkspaceRef.parse(workspace, hostSuffix), workspace, hostSuffix, start, noStart,
                    Durations.parse(timeout));
        } catch (IllegalArgumentException e) {
            // as a ProxyCommand every failure is ssh's 255
            throw stdio ? new TunnelException(e.getMessage(), e) : e;
        }
    }

    /**
     * The cluster ProxyCommand target of {@code devws ssh ARGS} (ARGS after "ssh"), as {@link #call()} parses it;
     * empty for a wrong command line, --local or without --stdio (the in-process path answers those).
     */
    public static Optional<StdioTarget> stdioTarget(java.util.List<String> args) {
        SshCommand ssh = new SshCommand();
        try {
            new picocli.CommandLine(ssh).parseArgs(args.toArray(String[]::new));
            return ssh.stdioTarget();
        } catch (picocli.CommandLine.ParameterException | TunnelException e) {
            return Optional.empty();
        }
    }
}
