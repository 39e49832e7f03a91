package io.devws.cli.command;

import io.devws.cli.local.CliHome;
import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.sshconfig.ConfigSshPlan;
import io.devws.cli.sshconfig.HostSuffix;
import io.devws.cli.sshconfig.KnownHostsEntry;
import io.devws.cli.sshconfig.ManagedSshConfig;
import io.devws.cli.sshconfig.SshPaths;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.WorkspaceInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "config-ssh", description = {
    "Make `ssh NAME.devws` work for OpenSSH, scp, git and IDEs.",
    "It writes a devws-managed ~/.ssh/devws/config (ProxyCommand, agent forwarding, pinned host keys), one Include",
    "line at the top of ~/.ssh/config, and known_hosts entries from the workspaces' host keys; nothing is written",
    "when any of them cannot be."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  devws config-ssh --dry-run              # show the changes as a diff",
            "  devws config-ssh && ssh ws.devws        # write them, then connect",
            "  devws config-ssh --multiplex            # share one connection per workspace (ControlMaster)",
            "  devws config-ssh --local                # only the local workspaces' entries"})
public final class ConfigSshCommand extends BackendCommand {
    @Option(names = "--dry-run", description = "Print the changes as a diff; write nothing.")
    boolean dryRun;
    @Option(names = "--ssh-config", paramLabel = "FILE", description = "The ssh config to add the Include to (default: ~/.ssh/config).")
    Path sshConfig;
    @Option(names = "--host-suffix", defaultValue = "devws", description = "Host names are NAME[.NAMESPACE].SUFFIX (default: ${DEFAULT-VALUE}).")
    String hostSuffix;
    @Option(names = "--server-alive-interval", defaultValue = "30", description = "ServerAliveInterval in seconds (default: ${DEFAULT-VALUE}).")
    int serverAliveInterval;
    @Option(names = "--multiplex", arity = "0..1", fallbackValue = "10m", paramLabel = "PERSIST", description = {
        "Share one SSH connection per workspace (OpenSSH ControlMaster): later ssh, scp and git commands skip the",
        "tunnel set-up. The shared connection, and the agent forwarded over it, stays open PERSIST after its last",
        "session (default when given: ${FALLBACK-VALUE}); `ssh -O exit NAME.devws` closes it."})
    String multiplex;

    /** Only the local workspaces' entries; the cluster's stay as they are. */
    @Override
    int onLocal(LocalWorkspaces store) throws Exception {
        HostSuffix suffix = new HostSuffix(hostSuffix);
        return write(suffix, localEntries(store, suffix), suffix::isLocalHost, suffix.localSuffix());
    }

    /** Every workspace's entry, local and on the cluster. */
    @Override
    int onCluster(KubeConnection cluster) throws Exception {
        HostSuffix suffix = new HostSuffix(hostSuffix);
        List<KnownHostsEntry> entries = new ArrayList<>(localEntries(LocalWorkspaces.forUser(), suffix));
        entries.addAll(clusterEntries(cluster.workspaces().list().stream().map(WorkspaceInfo::of).toList(), suffix));
        return write(suffix, entries, host -> true, suffix.value());
    }

    /** Writes the managed config and the known_hosts entries (those {@code owned} are replaced), or prints the diff. */
    private int write(HostSuffix suffix, List<KnownHostsEntry> entries, Predicate<String> owned, String connectSuffix) throws Exception {
        SshPaths paths = SshPaths.of(Path.of(System.getProperty("user.home")), sshConfig);
        ManagedSshConfig managed = new ManagedSshConfig(CliHome.executable(), suffix, paths, serverAliveInterval, multiplex);
        ConfigSshPlan plan = ConfigSshPlan.compute(paths, managed, entries, owned);
        PrintWriter out = out();
        if (dryRun) {
            java.io.ByteArrayOutputStream diff = new java.io.ByteArrayOutputStream();
            plan.printDiff(new java.io.PrintStream(diff, true, java.nio.charset.StandardCharsets.UTF_8));
            out.print(diff.toString(java.nio.charset.StandardCharsets.UTF_8));
            return 0;
        }
        if (plan.changesNothing()) {
            out.println("ssh config is up to date (" + entries.size() + " host keys pinned)");
            return 0;
        }
        plan.apply();
        out.println("wrote " + paths.managedConfig() + " and " + paths.knownHosts() + " (" + entries.size() + " host keys pinned)");
        out.println("connect: ssh NAME." + connectSuffix);
        return 0;
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
}
