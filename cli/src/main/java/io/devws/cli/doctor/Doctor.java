package io.devws.cli.doctor;

import io.devws.cli.client.SshConnection;
import io.devws.cli.client.UnixSocketAgent;
import io.devws.cli.ide.SshReach;
import io.devws.cli.sshconfig.KnownHostsEntry;
import io.devws.cli.sshconfig.SshPaths;
import io.devws.cli.tunnel.HostKeyMismatchException;
import io.devws.cli.tunnel.TunnelException;
import io.devws.transport.keys.HostKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code devws doctor}: the debugging steps of DevPod's networking doc, automated and printed as
 * they run. Each step after a failed prerequisite is skipped, so the first ✘ is the one to fix.
 */
public final class Doctor {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final DoctorTarget target;
    private final SshPaths sshPaths;
    private final String localAgent;
    private final PrintWriter out;
    private boolean failed;
    /** OpenSSH's view of the host when it goes through devws; null when it does not. */
    private SshReach openSsh;

    /** @param localAgent the local {@code SSH_AUTH_SOCK}, or null */
    public Doctor(DoctorTarget target, SshPaths sshPaths, String localAgent, PrintWriter out) {
        this.target = target;
        this.sshPaths = sshPaths;
        this.localAgent = localAgent;
        this.out = out;
    }

    /** Notes how {@code tunnel} travels (the negotiated exec protocol) in {@code how[0]}. */
    private static io.devws.cli.tunnel.Tunnel described(io.devws.cli.tunnel.Tunnel tunnel, String[] how) {
        how[0] = tunnel.describe();
        return tunnel;
    }

    /** Runs every step; returns 0 when all passed, 1 otherwise. */
    public int run() {
        boolean running = report(target.workspaceRunning());
        boolean exec = running && report(target.execAllowed());
        if (!running) {
            report(Check.skip("exec into the sidecar allowed", "the workspace is not running"));
        }
        if (running) {
            target.sessionPath().ifPresent(this::report);
        }
        Set<String> localKeys = localAgentKeys();
        openSshSteps();
        Optional<String> statusKey = target.statusHostKey();
        if (!exec || statusKey.isEmpty()) {
            skipSshSteps(statusKey.isEmpty() && exec ? "the workspace status has no host key yet" : "no exec into the workspace");
            openSshAgentStep(localKeys, false);
            return exitCode();
        }
        PublicKey pinned = HostKeys.parse(statusKey.get());
        String[] how = {""};
        try (SshConnection ssh = SshConnection.open(described(target.openTunnel(), how), pinned,
                localKeys.isEmpty() ? null : Path.of(localAgent), TIMEOUT)) {
            report(Check.pass("the sidecar answers SSH", ssh.serverVersion() + (how[0].isEmpty() ? "" : " (tunnel: " + how[0] + ")")));
            report(knownHostsCheck(statusKey.get()));
            remoteAgentSteps(ssh, localKeys);
        } catch (HostKeyMismatchException e) {
            report(Check.pass("the sidecar answers SSH", "it offered a host key"));
            report(Check.fail("the host key matches the pinned one", e.getMessage(),
                    "compare with `devws status " + target.hostName() + "`; if the workspace's host key Secret was recreated on purpose, run devws config-ssh"));
            skipAfterSsh("no SSH session");
        } catch (TunnelException e) {
            report(Check.fail("the sidecar answers SSH", e.getMessage(),
                    "look at the sidecar: devws logs " + target.hostName() + " (or ~/.devws/local/NAME/daemon.log for --local)"));
            skipAfterSsh("no SSH session");
        } catch (IOException e) {
            report(Check.fail("SSH session", e.getMessage(), "run with DEVWS_DEBUG=1 for details"));
        }
        openSshAgentStep(localKeys, !failed);
        return exitCode();
    }

    /**
     * The whole chain as the user's own ssh runs it: {@code ssh HOST ssh-add -L} through config-ssh's config (the
     * ProxyCommand, the pinned key, ForwardAgent) lists the local agent's keys. Only once every step before passed.
     */
    private void openSshAgentStep(Set<String> localKeys, boolean before) {
        String host = sshHost();
        String title = "ssh " + host + " lists the same keys (ssh-add -L through OpenSSH)";
        if (openSsh == null || !openSsh.forwardAgent()) {
            report(Check.skip(title, "OpenSSH does not go through devws or does not forward the agent (above)"));
            return;
        }
        if (localKeys.isEmpty() || !before) {
            report(Check.skip(title, localKeys.isEmpty() ? "no local agent keys to forward" : "a step above failed"));
            return;
        }
        SshReach.Ran ran;
        try {
            ran = openSsh.run(sshPaths.userConfig(), Duration.ofSeconds(90), "ssh-add -L");
        } catch (io.devws.cli.error.DevwsException e) {
            report(Check.fail(title, e.getMessage(), "ssh -v " + host + " true shows where it stops"));
            return;
        }
        Set<String> remote = keys(ran.out());
        if (ran.exit() == 0 && remote.equals(localKeys)) {
            report(Check.pass(title, remote.size() + " key(s)"));
        } else if (ran.exit() == 255) {
            report(Check.fail(title, "ssh fails: " + ran.reason(), "ssh -v " + host + " true shows where it stops"));
        } else {
            report(Check.fail(title, "ssh-add -L there gave " + remote.size() + " key(s) (exit " + ran.exit() + ")",
                    "ssh -G " + host + " | grep -i forwardagent, and reconnect: another client may own the agent socket"));
        }
    }

    private static Set<String> keys(String sshAddL) {
        return sshAddL.lines().map(String::trim).filter(l -> l.startsWith("ssh-") || l.startsWith("ecdsa-") || l.startsWith("sk-"))
                .map(l -> new KnownHostsEntry(java.util.List.of("x"), l).publicKey()).collect(Collectors.toCollection(TreeSet::new));
    }

    private int exitCode() {
        out.flush();
        return failed ? 1 : 0;
    }

    private boolean report(Check check) {
        out.print(check.render());
        out.flush();
        if (check.outcome() == Check.Outcome.FAIL) {
            failed = true;
        }
        return check.passed();
    }

    private Set<String> localAgentKeys() {
        String title = "the local ssh-agent is reachable and holds keys";
        if (localAgent == null || localAgent.isBlank()) {
            report(Check.fail(title, "SSH_AUTH_SOCK is not set", "start one: eval $(ssh-agent) && ssh-add"));
            return Set.of();
        }
        try (UnixSocketAgent agent = UnixSocketAgent.connect(Path.of(localAgent))) {
            Set<String> keys = new TreeSet<>();
            for (Map.Entry<PublicKey, String> identity : agent.getIdentities()) {
                keys.add(HostKeys.line(identity.getKey()));
            }
            if (keys.isEmpty()) {
                report(Check.fail(title, "the agent at " + localAgent + " holds no keys", "add one: ssh-add (or ssh-add ~/.ssh/id_ed25519)"));
            } else {
                report(Check.pass(title, keys.size() + " key(s) in " + localAgent));
            }
            return keys;
        } catch (IOException e) {
            report(Check.fail(title, e.getMessage(), "is the agent still running? eval $(ssh-agent) && ssh-add"));
            return Set.of();
        }
    }

    /**
     * The OpenSSH side (what VS Code and Gateway use too): config-ssh's Include effective, so that {@code ssh -G HOST}
     * shows devws's ProxyCommand, and agent forwarding not turned off for the host by the user's own config.
     */
    private void openSshSteps() {
        String host = sshHost();
        String title = "ssh " + host + " goes through devws (ssh -G)";
        String forwardTitle = "OpenSSH forwards your agent to " + host;
        SshReach reach;
        try {
            reach = SshReach.check(sshPaths, host, target.local());
        } catch (SshReach.Unreachable e) {
            report(Check.fail(title, e.problem(), e.fix()));
            report(Check.skip(forwardTitle, "ssh does not go through devws"));
            return;
        } catch (io.devws.cli.error.DevwsException e) {
            report(Check.fail(title, e.getMessage(), "check `ssh -G " + host + "` by hand"));
            report(Check.skip(forwardTitle, "ssh does not go through devws"));
            return;
        }
        openSsh = reach;
        report(Check.pass(title, "ProxyCommand " + reach.proxyCommand()));
        if (!reach.forwardAgent() && !target.local()) {
            // config-ssh forwards the agent to a cluster workspace only when asked (docs/security.md): not a fault
            report(Check.skip(forwardTitle, "agent forwarding is per workspace: `devws config-ssh --forward-agent "
                    + target.hostName().substring(0, target.hostName().lastIndexOf('.')) + "`, or ssh -A"));
            return;
        }
        report(reach.forwardAgent() ? Check.pass(forwardTitle, "ssh -G shows forwardagent yes")
                : Check.fail(forwardTitle, "ssh -G shows forwardagent no: your ssh config turns it off for " + host
                        + " before devws's defaults", "remove that ForwardAgent no, or put `Host " + host + "` + `ForwardAgent yes` above it (or use ssh -A)"));
    }

    private String sshHost() {
        return target.sshHost(SshReach.suffix(sshPaths));
    }

    private Check knownHostsCheck(String statusKey) {
        String title = "the host key matches the pinned one";
        String fingerprint = HostKeys.fingerprint(statusKey);
        Optional<KnownHostsEntry> pinned = knownHostsEntry();
        if (pinned.isEmpty()) {
            return target.local()
                    ? Check.fail(title, fingerprint + " (workspace status) is not pinned in " + sshPaths.knownHosts(), "run devws config-ssh --local")
                    : Check.pass(title, fingerprint + " (workspace status); none pinned yet for " + sshHost()
                            + ", which is fine: the ProxyCommand pins the status key on the first connection");
        }
        if (!Objects.equals(pinned.get().publicKey(), new KnownHostsEntry(java.util.List.of("x"), statusKey).publicKey())) {
            return Check.fail(title, sshPaths.knownHosts() + " pins " + HostKeys.fingerprint(pinned.get().publicKey())
                    + " but the workspace has " + fingerprint, "run devws config-ssh to pin the current key"
                    + (target.local() ? "" : " (or connect once with ssh " + sshHost() + ": its ProxyCommand pins it)"));
        }
        return Check.pass(title, fingerprint + " (workspace status and " + sshPaths.knownHosts() + ")");
    }

    private Optional<KnownHostsEntry> knownHostsEntry() {
        try {
            if (!Files.exists(sshPaths.knownHosts())) {
                return Optional.empty();
            }
            return Files.readAllLines(sshPaths.knownHosts()).stream().map(KnownHostsEntry::parse).filter(Objects::nonNull)
                    .filter(e -> e.hosts().contains(sshHost())).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void remoteAgentSteps(SshConnection ssh, Set<String> localKeys) throws IOException {
        boolean forward = !localKeys.isEmpty();
        SshConnection.Output sock = ssh.exec("printf '%s' \"$SSH_AUTH_SOCK\"", forward, TIMEOUT);
        String socket = sock.text().trim();
        if (sock.code() != 0 || socket.isEmpty()) {
            report(Check.fail("SSH_AUTH_SOCK is set in the workspace", "it is empty",
                    "the dev container needs SSH_AUTH_SOCK=/run/devws/agent/agent.sock in its env (the operator sets it; was the pod created by an older operator?)"));
            skipAfterSocket("SSH_AUTH_SOCK is not set");
            return;
        }
        report(Check.pass("SSH_AUTH_SOCK is set in the workspace", socket));
        SshConnection.Output ls = ssh.exec("ls -la \"$SSH_AUTH_SOCK\"", forward, TIMEOUT);
        if (ls.code() != 0 || !ls.text().startsWith("s")) {
            report(Check.fail("the agent socket exists there", ls.text().trim(),
                    "the sidecar binds it when an SSH connection forwards an agent: connect with ssh -A (ForwardAgent yes), and check the shared agent volume"));
            report(Check.skip("the workspace lists the same keys through the tunnel", "no agent socket"));
            return;
        }
        report(Check.pass("the agent socket exists there", ls.text().trim()));
        if (!forward) {
            report(Check.skip("the workspace lists the same keys through the tunnel", "no local agent keys to forward"));
            return;
        }
        SshConnection.Output list = ssh.exec("ssh-add -L", true, TIMEOUT);
        Set<String> remote = keys(list.text());
        if (list.code() == 0 && remote.equals(localKeys)) {
            report(Check.pass("the workspace lists the same keys through the tunnel", remote.size() + " key(s)"));
        } else {
            report(Check.fail("the workspace lists the same keys through the tunnel",
                    list.code() == 127 ? "ssh-add is not installed in the workspace" : "ssh-add -L there gave " + remote.size() + " key(s) (exit " + list.code() + "): " + list.text().trim(),
                    list.code() == 127 ? "install openssh-client in the dev image" : "is agent forwarding enabled (spec.ssh.agentForwarding)? another client may own the agent socket: reconnect with ssh -A"));
        }
    }

    private void skipSshSteps(String why) {
        report(Check.skip("the sidecar answers SSH", why));
        report(Check.skip("the host key matches the pinned one", why));
        skipAfterSsh(why);
    }

    private void skipAfterSsh(String why) {
        report(Check.skip("SSH_AUTH_SOCK is set in the workspace", why));
        skipAfterSocket(why);
    }

    private void skipAfterSocket(String why) {
        report(Check.skip("the agent socket exists there", why));
        report(Check.skip("the workspace lists the same keys through the tunnel", why));
    }
}
