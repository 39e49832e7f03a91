package io.devws.cli.ide;

import io.devws.cli.error.DevwsException;
import io.devws.cli.error.ExitCode;
import io.devws.cli.sshconfig.ConfigSshOptions;
import io.devws.cli.sshconfig.HostSuffix;
import io.devws.cli.sshconfig.SshG;
import io.devws.cli.sshconfig.SshPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How OpenSSH (and so VS Code Remote-SSH and Gateway, which read the same config) reaches a devws host: what
 * {@code ssh -G HOST} says with the user's config, checked to go through devws's own ProxyCommand. Each way it can
 * fail is one line naming the fix ({@link #check}).
 *
 * @param proxyCommand as ssh -G shows it
 */
public record SshReach(String host, String user, String port, String proxyCommand, boolean forwardAgent) {
    /** Why ssh would not reach the host through devws, and the fix, apart (the doctor prints them as detail and hint). */
    public static final class Unreachable extends DevwsException {
        private final String problem;
        private final String fix;

        Unreachable(String problem, String fix) {
            super(problem + ": " + fix, ExitCode.USER_ERROR);
            this.problem = problem;
            this.fix = fix;
        }

        public String problem() {
            return problem;
        }

        public String fix() {
            return fix;
        }
    }

    /** The host suffix config-ssh was last run with (recorded in the managed config), else the default. */
    public static HostSuffix suffix(SshPaths paths) {
        try {
            Path managed = paths.managedConfig();
            return Files.isRegularFile(managed) ? ConfigSshOptions.recordedIn(Files.readString(managed)).suffix() : HostSuffix.DEFAULT;
        } catch (IOException | RuntimeException e) {
            return HostSuffix.DEFAULT;
        }
    }

    /**
     * @param local a --local workspace (its hosts have their own ProxyCommand)
     * @throws DevwsException (exit 1) with one line naming the fix when ssh would not go through devws
     */
    public static SshReach check(SshPaths paths, String host, boolean local) {
        String configSsh = "devws config-ssh" + (local ? " --local" : "");
        String ssh = SshG.ssh();
        if (ssh == null) {
            throw new Unreachable("no ssh on PATH", "install the OpenSSH client (ssh), then run `" + configSsh + "`");
        }
        Set<String> managed = managedProxyCommands(paths);
        if (!Files.isRegularFile(paths.userConfig()) || managed.isEmpty()) {
            throw new Unreachable("ssh does not know " + host, "run `" + configSsh + "` (it adds devws's hosts to " + paths.userConfig() + ")");
        }
        SshG.Result result;
        try {
            result = SshG.resolve(ssh, paths.userConfig(), host);
        } catch (IOException e) {
            throw new DevwsException("cannot run ssh -G " + host + ": " + e.getMessage(), ExitCode.USER_ERROR, e);
        }
        if (result.exit() != 0) {
            throw new Unreachable("`ssh -G " + host + "` fails: " + result.reason(), "fix " + paths.userConfig() + ", then run `" + configSsh + "`");
        }
        Map<String, List<String>> options = result.options();
        String proxy = first(options, "proxycommand");
        String mode = local ? " ssh --local --stdio " : " ssh --stdio ";
        if (proxy == null || !managed.contains(proxy) || !proxy.contains(mode)) {
            String seen = proxy == null ? "no ProxyCommand" : "ProxyCommand " + proxy + ", not devws's";
            throw new Unreachable("`ssh -G " + host + "` shows " + seen + " (is devws's Include at the top of " + paths.userConfig() + "?)",
                    "run `" + configSsh + "`");
        }
        return new SshReach(host, first(options, "user"), first(options, "port"), proxy,
                "yes".equals(first(options, "forwardagent")));
    }

    /**
     * Connects as the IDE's ssh will ({@code ssh -F CONFIG -o BatchMode=yes HOST true}: the ProxyCommand, the pinned
     * host key, a stopped workspace started), so a broken hop is one line here and not a spinner in the IDE.
     *
     * @param doctorHint the doctor command that walks the hops
     * @throws DevwsException (exit 1) with ssh's last words and the doctor command
     */
    public void connect(Path config, java.time.Duration timeout, String doctorHint) {
        Ran ran = run(config, timeout, "true");
        if (ran.exit() != 0) {
            throw new DevwsException("`ssh " + host + " true` fails (exit " + ran.exit() + ": " + ran.reason() + "): run `" + doctorHint + "`",
                    ExitCode.USER_ERROR);
        }
    }

    /** What a remote command gave through OpenSSH: its exit code (255: ssh failed), stdout, and why when it failed. */
    public record Ran(int exit, String out, String reason) {
    }

    /**
     * {@code ssh -F CONFIG -o BatchMode=yes HOST COMMAND}, with this process's environment (its SSH_AUTH_SOCK).
     *
     * @throws DevwsException (exit 1) when ssh cannot run or does not finish within {@code timeout}
     */
    public Ran run(Path config, java.time.Duration timeout, String command) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("devws-ssh", java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            Path out = dir.resolve("out");
            Path err = dir.resolve("err");
            Process p = new ProcessBuilder(SshG.ssh(), "-F", config.toString(), "-o", "BatchMode=yes", host, command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new DevwsException("`ssh " + host + " " + command + "` did not finish in " + timeout.toSeconds() + " s", ExitCode.USER_ERROR);
            }
            List<String> said = Files.readAllLines(err).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
            // the ProxyCommand's own line says why; ssh's closing words ("Connection closed by ...") do not
            String last = said.stream().filter(l -> l.startsWith("devws: ")).reduce((a, b) -> b)
                    .orElse(said.isEmpty() ? "no message" : said.get(said.size() - 1));
            return new Ran(p.exitValue(), Files.readString(out), last.replaceFirst("^devws: ", ""));
        } catch (IOException e) {
            throw new DevwsException("cannot run ssh " + host + ": " + e.getMessage(), ExitCode.USER_ERROR, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevwsException("interrupted while connecting to " + host, ExitCode.USER_ERROR, e);
        } finally {
            if (dir != null) {
                for (String f : List.of("out", "err")) {
                    dir.resolve(f).toFile().delete();
                }
                dir.toFile().delete();
            }
        }
    }

    private static String first(Map<String, List<String>> options, String key) {
        List<String> values = options.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The ProxyCommand values the managed config writes (one per Host block); empty when config-ssh never ran. */
    private static Set<String> managedProxyCommands(SshPaths paths) {
        try {
            if (!Files.isRegularFile(paths.managedConfig())) {
                return Set.of();
            }
            return Files.readAllLines(paths.managedConfig()).stream().map(String::strip)
                    .filter(l -> l.startsWith("ProxyCommand ")).map(l -> l.substring("ProxyCommand ".length()).strip())
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }
}
