package io.devws.cli.sshconfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ssh -G}: OpenSSH's own reading of an ssh config for one host. Outputs go to files, so the time limit
 * holds even when a {@code Match exec} of the user's hangs with the pipes open.
 */
public final class SshG {
    static final long TIMEOUT_SECONDS = 20;

    /** What ssh printed and how it exited. */
    public record Result(int exit, String out, String err) {
        /** The output as keyword → values (IdentityFile and others repeat). */
        public Map<String, List<String>> options() {
            Map<String, List<String>> options = new java.util.LinkedHashMap<>();
            out.lines().filter(l -> l.contains(" ")).forEach(l ->
                    options.computeIfAbsent(l.substring(0, l.indexOf(' ')), k -> new ArrayList<>()).add(l.substring(l.indexOf(' ') + 1)));
            return options;
        }

        /** ssh's reason for a failure: its first line that says something. */
        public String reason() {
            return err.lines().filter(l -> !l.isBlank() && !l.contains("terminating,")).findFirst().orElse("exit " + exit).strip();
        }
    }

    private SshG() {
    }

    /** The ssh on PATH, or null. */
    public static String ssh() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "ssh");
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /**
     * {@code ssh -G -F CONFIG HOST}. The config is named because OpenSSH takes {@code ~} from the passwd entry, devws
     * from $HOME; {@code -F} skips /etc/ssh/ssh_config, which is read after the user's file and so cannot change
     * a value the user's file (devws's Include at its top) sets first.
     */
    public static Result resolve(String ssh, Path config, String host) throws IOException {
        Path dir = Files.createTempDirectory("devws-ssh-G", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            return run(List.of(ssh, "-G", "-F", config.toString(), host), dir);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs {@code command} (an {@code ssh -G}) with its outputs in files under the private {@code dir}. */
    static Result run(List<String> command, Path dir) throws IOException {
        Path outFile = dir.resolve("ssh-G.out");
        Path errFile = dir.resolve("ssh-G.err");
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SshConfigException("`ssh -G` did not finish in " + TIMEOUT_SECONDS + " s (a Match exec in your ssh config?)");
            }
            return new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8), Files.readString(errFile, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SshConfigException("interrupted while running ssh -G");
        }
    }
}
