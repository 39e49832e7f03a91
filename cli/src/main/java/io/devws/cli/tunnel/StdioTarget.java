package io.devws.cli.tunnel;

import io.devws.cli.sshconfig.PinnedHostKeys;
import io.devws.cli.sshconfig.SshPaths;
import io.devws.cli.workspace.KubeOptions;
import io.devws.cli.workspace.WorkspaceRef;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A ProxyCommand's target: connection flags, workspace, the host as ssh named it ({@code %h}) and its
 * suffix, --start / --no-start and the readiness wait.
 */
public record StdioTarget(KubeOptions kube, WorkspaceRef ref, String host, String hostSuffix, boolean start, boolean noStart,
                          Duration timeout) {
    public StdioTarget withKube(KubeOptions options) {
        return new StdioTarget(options, ref, host, hostSuffix, start, noStart, timeout);
    }

    /**
     * How to wait, given the ProxyCommand process's {@link ConnectSettings#START_ON_CONNECT} value and
     * whether its stderr is a terminal: a stopped workspace starts unless --no-start or the setting
     * says not to (--start always starts); each stage is said on a terminal, with --start or --verbose.
     */
    public ReadyPod.Wait wait(String startOnConnect, boolean stderrTerminal) {
        boolean starts = start || !noStart && ConnectSettings.startOnConnect(startOnConnect);
        String hint = noStart ? " (--no-start keeps it stopped on connect)"
                : " (" + ConnectSettings.START_ON_CONNECT + "=" + startOnConnect + " keeps it stopped on connect)";
        return new ReadyPod.Wait(starts, timeout, stderrTerminal || start || kube.verbose, hint);
    }

    /** The pinning of the status host key into the managed known_hosts of the user whose home is {@code home}. */
    public HostKeyPin pin(Path home) {
        return new HostKeyPin(new PinnedHostKeys(SshPaths.forHome(home).knownHosts()), host, hostSuffix);
    }
}
