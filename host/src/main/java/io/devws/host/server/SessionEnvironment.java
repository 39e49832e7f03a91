package io.devws.host.server;

import io.devws.host.protocol.StartRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a session's process gets, as sshd would set it up: the dev container's own environment (the
 * host inherited it from the exec that started it), the account's HOME/USER/LOGNAME/SHELL, then the
 * SSH variables from the request (SSH_TTY comes from the spawner, which makes the terminal); argv as sshd builds it ("-bash" for a login shell, "bash -c CMD").
 */
final class SessionEnvironment {
    private final Account account;
    private final Map<String, String> base;

    SessionEnvironment(Account account, Map<String, String> inherited) {
        this.account = account;
        Map<String, String> env = new HashMap<>(inherited);
        // the launcher's and JVM's own variables are not the user's
        env.keySet().removeIf(k -> k.startsWith("DEVWS_") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("_JAVA_OPTIONS")
                || k.equals("JDK_JAVA_OPTIONS") || k.equals("SSH_AUTH_SOCK"));
        this.base = Map.copyOf(env);
    }

    Map<String, String> env(StartRequest r) {
        Map<String, String> env = new HashMap<>(base);
        env.put("HOME", account.home());
        env.put("USER", account.name());
        env.put("LOGNAME", account.name());
        env.put("SHELL", account.shell());
        env.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.remove("TERM");
        env.putAll(r.env());
        if (r.pty()) {
            env.put("TERM", r.term().isEmpty() ? "dumb" : r.term());
        }
        return env;
    }

    /** The program a session runs: the account's shell, or the image's own subsystem program. */
    String program(StartRequest r) throws java.io.IOException {
        return r.subsystem() ? Subsystems.program(r.command()) : account.shell();
    }

    List<String> argv(StartRequest r) throws java.io.IOException {
        if (r.subsystem()) {
            String program = Subsystems.program(r.command());
            return List.of(program.substring(program.lastIndexOf('/') + 1));
        }
        String shell = account.shell();
        String base = shell.substring(shell.lastIndexOf('/') + 1);
        List<String> argv = new ArrayList<>();
        if (r.command() == null) {
            argv.add("-" + base);
        } else {
            argv.add(base);
            argv.add("-c");
            argv.add(r.command());
        }
        return argv;
    }

    String directory(StartRequest r) {
        if (r.workdir() != null && Files.isDirectory(Path.of(r.workdir()))) {
            return r.workdir();
        }
        return Files.isDirectory(Path.of(account.home())) ? account.home() : "/";
    }
}
