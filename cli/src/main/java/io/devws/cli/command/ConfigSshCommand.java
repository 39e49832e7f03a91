package io.devws.cli.command;

import io.devws.cli.error.DevwsException;
import io.devws.cli.error.ExitCode;
import io.devws.cli.local.CliHome;
import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.sshconfig.ConfigSshOptions;
import io.devws.cli.sshconfig.ConfigSshPlan;
import io.devws.cli.sshconfig.ConfigSshRemoval;
import io.devws.cli.sshconfig.HostSuffix;
import io.devws.cli.sshconfig.KnownHostsEntry;
import io.devws.cli.sshconfig.ManagedSshConfig;
import io.devws.cli.sshconfig.OpenSshCheck;
import io.devws.cli.sshconfig.SshPaths;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.WorkspaceInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "config-ssh", description = {
    "Make `ssh NAME.devws` work for OpenSSH, scp, git and IDEs.",
    "It writes a devws-managed ~/.ssh/devws/config (ProxyCommand, pinned host keys) included at the top of",
    "~/.ssh/config, ~/.ssh/devws/defaults (agent forwarding, keepalives, -o options) included at its end, so",
    "that your own settings for devws hosts win, and known_hosts entries from the workspaces' host keys.",
    "OpenSSH (ssh -G) checks the result before anything is written. Options are kept for the next run",
    "unless changed (--no-multiplex, -o KEY=, --reset-options); --remove undoes it all."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  devws config-ssh --dry-run              # show the changes as a diff, and the options",
            "  devws config-ssh && ssh ws.devws        # write them, then connect",
            "  devws config-ssh --multiplex            # share one connection per workspace (ControlMaster)",
            "  devws config-ssh -o Compression=yes     # any OpenSSH option for the devws hosts",
            "  devws config-ssh --local                # only the local workspaces' entries",
            "  devws config-ssh --remove               # take it all out again"})
public final class ConfigSshCommand extends BackendCommand {
    @Option(names = "--dry-run", description = "Print the changes as a diff and the options; write nothing.")
    boolean dryRun;
    @Option(names = "--remove", description = "Take out devws's Include lines (the config is as before, byte for byte) and the managed files.")
    boolean remove;
    @Option(names = "--ssh-config", paramLabel = "FILE", description = "The ssh config to add the Includes to (default: ~/.ssh/config).")
    Path sshConfig;
    @Option(names = "--host-suffix", paramLabel = "SUFFIX", converter = SuffixConverter.class,
            description = "Host names are NAME[.NAMESPACE].SUFFIX (default: devws, or the previous run's).")
    HostSuffix hostSuffix;
    @Option(names = "--server-alive-interval", paramLabel = "SECONDS", converter = IntervalConverter.class,
            description = "ServerAliveInterval in seconds, 0 for off (default: 30, or the previous run's).")
    Integer serverAliveInterval;
    @Option(names = "--multiplex", arity = "0..1", fallbackValue = "10m", paramLabel = "PERSIST", converter = PersistConverter.class, description = {
        "Share one SSH connection per workspace (OpenSSH ControlMaster): later ssh, scp and git commands skip the",
        "tunnel set-up. The shared connection, and the agent forwarded over it, stays open PERSIST after its last",
        "session (default when given: ${FALLBACK-VALUE}); `ssh -O exit NAME.devws` closes it. Kept by later runs:",
        "--multiplex=false or --no-multiplex turns it off."})
    String multiplex;
    @Option(names = "--no-multiplex", description = "Turn connection sharing off (as --multiplex=false).")
    boolean noMultiplex;
    @Option(names = {"-o", "--ssh-option"}, paramLabel = "KEY=VALUE", converter = SshOptionConverter.class, description = {
        "Any OpenSSH option for the devws hosts, as in ssh_config (repeatable; kept by later runs). KEY= removes",
        "one; a value OpenSSH rejects fails the run with nothing written."})
    List<String> sshOptions = new ArrayList<>();
    @Option(names = "--forward-agent", paramLabel = "WS", converter = WorkspaceConverter.class, description = {
        "Forward your ssh agent to this cluster workspace (NAME, in the current namespace, or NAME.NAMESPACE;",
        "repeatable; kept by later runs). Whoever may exec into a workspace may use an agent forwarded into it, so",
        "it is never on for every *.devws host; local workspaces always get it (they run as you)."})
    List<String> forwardAgent = new ArrayList<>();
    @Option(names = "--no-forward-agent", paramLabel = "WS", description = "Stop forwarding the agent to this workspace.")
    List<String> noForwardAgent = new ArrayList<>();
    @Option(names = "--reset-options", description = "Start from the defaults instead of the previous run's options.")
    boolean resetOptions;

    @Override
    public Integer call() throws Exception {
        if (remove) {
            return remove(paths());
        }
        return super.call();
    }

    /** Only the local workspaces' entries; the cluster's stay as they are. */
    @Override
    int onLocal(LocalWorkspaces store) throws Exception {
        SshPaths paths = paths();
        ConfigSshOptions options = options(paths);
        HostSuffix suffix = options.suffix();
        return write(paths, options, localEntries(store, suffix), suffix::isLocalHost, suffix.localSuffix());
    }

    /** Every workspace's entry, local and on the cluster. */
    @Override
    int onCluster(KubeConnection cluster) throws Exception {
        SshPaths paths = paths();
        ConfigSshOptions options = options(paths);
        HostSuffix suffix = options.suffix();
        List<KnownHostsEntry> entries = new ArrayList<>(localEntries(LocalWorkspaces.forUser(), suffix));
        entries.addAll(clusterEntries(cluster.workspaces().list().stream().map(WorkspaceInfo::of).toList(), suffix));
        return write(paths, options, entries, host -> true, suffix.value());
    }

    private SshPaths paths() {
        return SshPaths.of(Path.of(System.getProperty("user.home")), sshConfig);
    }

    /** The previous run's options (recorded in the managed config), changed by what this command line says. */
    private ConfigSshOptions options(SshPaths paths) throws IOException {
        if (multiplex != null && noMultiplex) {
            throw new DevwsException("--multiplex and --no-multiplex contradict each other: give one", ExitCode.USAGE);
        }
        ConfigSshOptions options = resetOptions || !Files.exists(paths.managedConfig()) ? ConfigSshOptions.DEFAULTS
                : ConfigSshOptions.recordedIn(Files.readString(paths.managedConfig()));
        if (hostSuffix != null) {
            options = options.withSuffix(hostSuffix);
        }
        if (serverAliveInterval != null) {
            options = options.withServerAliveInterval(serverAliveInterval);
        }
        if (noMultiplex || PersistConverter.OFF.equals(multiplex)) {
            options = options.withControlPersist(null);
        } else if (multiplex != null) {
            options = options.withControlPersist(multiplex);
        }
        for (String option : sshOptions) {
            String[] kv = ConfigSshOptions.sshOption(option);
            options = options.withSshOption(kv[0], kv[1]);
        }
        for (String ws : forwardAgent) {
            options = options.withForwardAgent(ws, true);
        }
        for (String ws : noForwardAgent) {
            options = options.withForwardAgent(ws, false);
        }
        return options;
    }

    /** Writes the managed config and the known_hosts entries (those {@code owned} are replaced), or prints the diff. */
    private int write(SshPaths paths, ConfigSshOptions options, List<KnownHostsEntry> entries, Predicate<String> owned,
                      String connectSuffix) throws Exception {
        Path executable = CliHome.stableExecutable(System.getenv("PATH"));
        ManagedSshConfig managed = new ManagedSshConfig(executable, paths, options);
        ConfigSshPlan plan = ConfigSshPlan.compute(paths, managed, entries, owned);
        PrintWriter out = out();
        if (dryRun) {
            out.print(captured(plan::printDiff));
            out.println("# options: " + options.asFlags());
            warnings(plan.check(), executable, options);
            return 0;
        }
        if (plan.changesNothing()) {
            out.println("ssh config is up to date (" + entries.size() + " host keys pinned; options: " + options.asFlags() + ")");
            return 0;
        }
        OpenSshCheck.Verdict verdict = plan.apply();
        out.println("wrote " + paths.managedConfig() + ", " + paths.managedDefaults().getFileName() + " and "
                + paths.knownHosts().getFileName() + " (" + entries.size() + " host keys pinned), included from " + paths.userConfig());
        out.println("options (kept by the next run): " + options.asFlags());
        out.println("connect: ssh NAME." + connectSuffix);
        warnings(verdict, executable, options);
        return 0;
    }

    /** What the user should know but that does not stop the run, on stderr. */
    private void warnings(OpenSshCheck.Verdict verdict, Path executable, ConfigSshOptions options) {
        PrintWriter err = spec.commandLine().getErr();
        if (!verdict.checked()) {
            err.println("devws: warning: no ssh on PATH, so OpenSSH did not check the config (ssh -G)");
        }
        if (CliHome.inBuildTree(executable)) {
            err.println("devws: warning: the ProxyCommand runs " + executable + ", in a build tree that `mvn clean` deletes;"
                    + " put devws on your PATH (e.g. ln -s " + executable + " ~/.local/bin/devws) and run config-ssh again");
        }
        List<String> forward = verdict.localHost().getOrDefault("forwardagent", List.of());
        if (forward.equals(List.of("no"))) {
            err.println("devws: note: your ssh config sets ForwardAgent no for " + options.suffix().localPattern()
                    + " hosts, which wins over devws's default (README: \"Your own settings win\")");
        }
        err.flush();
    }

    private int remove(SshPaths paths) throws IOException {
        ConfigSshRemoval removal = ConfigSshRemoval.compute(paths);
        if (dryRun) {
            out().print(captured(removal::printDiff));
            return 0;
        }
        if (removal.changesNothing()) {
            out().println("nothing to remove: " + paths.userConfig() + " has no devws lines and " + paths.devwsDir() + " no managed files");
            return 0;
        }
        removal.apply();
        out().println("removed devws's Include lines from " + paths.userConfig() + " and the managed files in " + paths.devwsDir());
        return 0;
    }

    private static String captured(java.util.function.Consumer<PrintStream> printer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        printer.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static List<KnownHostsEntry> localEntries(LocalWorkspaces store, HostSuffix suffix) {
        return store.list().stream()
                .map(l -> new KnownHostsEntry(List.of(suffix.localHost(l.name())), store.hostPublicKey(l))).toList();
    }

    /** Both the namespaced name and, for the current namespace, the short name. */
    static List<KnownHostsEntry> clusterEntries(List<WorkspaceInfo> infos, HostSuffix suffix) {
        return infos.stream().filter(i -> i.hostPublicKey() != null)
                .map(i -> new KnownHostsEntry(List.of(suffix.clusterHost(i.name(), i.namespace()), suffix.clusterHost(i.name(), null)), i.hostPublicKey()))
                .toList();
    }

    /** Parse-time checks: a bad value is a usage error (exit 2) before anything runs. */
    static final class IntervalConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return ConfigSshOptions.serverAliveInterval(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class PersistConverter implements CommandLine.ITypeConverter<String> {
        static final String OFF = "false";

        @Override
        public String convert(String value) {
            if (List.of("false", "no", "off").contains(value)) {
                return OFF;
            }
            try {
                return ConfigSshOptions.controlPersist(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SshOptionConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                ConfigSshOptions.sshOption(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class WorkspaceConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return ConfigSshOptions.workspace(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SuffixConverter implements CommandLine.ITypeConverter<HostSuffix> {
        @Override
        public HostSuffix convert(String value) {
            try {
                return new HostSuffix(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
