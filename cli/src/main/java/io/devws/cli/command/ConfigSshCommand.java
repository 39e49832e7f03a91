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
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "config-ssh", description = {
    "Make `ssh NAME.devws` work: a devws-managed ~/.ssh/devws/config (ProxyCommand, agent forwarding, pinned host keys),",
    "one Include line at the top of ~/.ssh/config, and known_hosts entries from the workspaces' host keys."})
public final class ConfigSshCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KubeOptions kube;
    @Mixin
    LocalOption local;
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

    @Override
    public Integer call() throws Exception {
        HostSuffix suffix = new HostSuffix(hostSuffix);
        SshPaths paths = SshPaths.of(Path.of(System.getProperty("user.home")), sshConfig);
        List<KnownHostsEntry> entries = new ArrayList<>(localEntries(suffix));
        Predicate<String> owned = suffix::isLocalHost;
        if (!local.local) {
            entries.addAll(clusterEntries(suffix));
            owned = host -> true;
        }
        ManagedSshConfig managed = new ManagedSshConfig(CliHome.executable(), suffix, paths, serverAliveInterval, multiplex);
        ConfigSshPlan plan = ConfigSshPlan.compute(paths, managed, entries, owned);
        PrintWriter out = spec.commandLine().getOut();
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
        out.println("connect: ssh NAME." + (local.local ? suffix.localSuffix() : suffix.value()));
        return 0;
    }

    private static List<KnownHostsEntry> localEntries(HostSuffix suffix) {
        LocalWorkspaces store = LocalWorkspaces.forUser();
        return store.list().stream()
                .map(l -> new KnownHostsEntry(List.of(suffix.localHost(l.name())), store.hostPublicKey(l))).toList();
    }

    private List<KnownHostsEntry> clusterEntries(HostSuffix suffix) {
        try (KubeConnection c = KubeConnection.open(kube)) {
            return clusterEntries(c.workspaces().list().stream().map(WorkspaceInfo::of).toList(), suffix);
        }
    }

    /** Both the namespaced name and, for the current namespace, the short name. */
    static List<KnownHostsEntry> clusterEntries(List<WorkspaceInfo> infos, HostSuffix suffix) {
        return infos.stream().filter(i -> i.hostPublicKey() != null)
                .map(i -> new KnownHostsEntry(List.of(suffix.clusterHost(i.name(), i.namespace()), suffix.clusterHost(i.name(), null)), i.hostPublicKey()))
                .toList();
    }
}
