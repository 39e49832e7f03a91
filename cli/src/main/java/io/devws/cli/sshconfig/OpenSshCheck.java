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
 * OpenSSH's own verdict on the files config-ssh would write, before it writes any: the new user config and
 * managed files go into a private temporary directory (the user config's Includes pointed at the temporary
 * managed files) and {@code ssh -G -F} parses them for a local, a cluster and a non-devws host. A config that
 * ssh rejects would break every ssh on the machine, so it is never written.
 */
public final class OpenSshCheck {
    private static final long TIMEOUT_SECONDS = 20;

    private OpenSshCheck() {
    }

    /** What the check found: whether ssh ran at all, and the effective options of a cluster and a local host ({@code ssh -G}). */
    public record Verdict(boolean checked, Map<String, List<String>> clusterHost, Map<String, List<String>> localHost) {
    }

    /**
     * @param files the files to check, by their real path, with their new contents; the first is the user's config
     * @throws SshConfigException when ssh rejects them, with ssh's reason (real file names)
     */
    public static Verdict check(Map<Path, String> files, HostSuffix suffix) throws IOException {
        String ssh = onPath("ssh");
        if (ssh == null) {
            return new Verdict(false, Map.of(), Map.of());
        }
        Path dir = Files.createTempDirectory("devws-config-ssh", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            List<Path> real = new ArrayList<>(files.keySet());
            List<Path> copies = new ArrayList<>();
            for (int i = 0; i < real.size(); i++) {
                copies.add(dir.resolve(i + "-" + real.get(i).getFileName()));
            }
            for (int i = 0; i < real.size(); i++) {
                String content = files.get(real.get(i));
                for (int j = 1; j < real.size(); j++) {
                    // only the Include lines name the managed files by their whole quoted path
                    content = content.replace("Include " + SshConfigQuoting.pathArgument(real.get(j).toString()),
                            "Include " + SshConfigQuoting.pathArgument(copies.get(j).toString()));
                }
                Files.writeString(copies.get(i), content);
            }
            Map<String, List<String>> cluster = Map.of();
            Map<String, List<String>> local = Map.of();
            for (String host : List.of("devws-check." + suffix.localSuffix(), "devws-check." + suffix.value(), "devws-check.invalid")) {
                String out = run(List.of(ssh, "-G", "-F", copies.get(0).toString(), host), real, copies);
                if (host.equals("devws-check." + suffix.value())) {
                    cluster = effective(out);
                } else if (host.equals("devws-check." + suffix.localSuffix())) {
                    local = effective(out);
                }
            }
            return new Verdict(true, cluster, local);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String run(List<String> command, List<Path> real, List<Path> copies) throws IOException {
        // outputs into files: the timeout holds even when a Match exec of the user's hangs with the pipes open
        Path dir = copies.get(0).getParent();
        Path outFile = dir.resolve("ssh-G.out");
        Path errFile = dir.resolve("ssh-G.err");
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SshConfigException("`ssh -G` did not finish in " + TIMEOUT_SECONDS + " s (a Match exec in your ssh config?); nothing was changed");
            }
            String err = new String(Files.readAllBytes(errFile), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                String reason = err.lines().filter(l -> !l.isBlank() && !l.contains("terminating,")).findFirst().orElse("exit " + p.exitValue());
                for (int i = 0; i < copies.size(); i++) {
                    reason = reason.replace(copies.get(i).toString(), real.get(i) + (i == 0 ? " (with devws's Include lines)" : ""));
                }
                reason = reason.strip().replaceAll("\\.$", "");
                throw new SshConfigException("OpenSSH rejects the ssh config devws would write: " + reason
                        + "; nothing was changed (fix the value, or `ssh -G` in your own config)");
            }
            return new String(Files.readAllBytes(outFile), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SshConfigException("interrupted while checking the ssh config; nothing was changed");
        }
    }

    /** {@code ssh -G} output as keyword → values (IdentityFile and others repeat). */
    public static Map<String, List<String>> effective(String sshG) {
        Map<String, List<String>> options = new java.util.LinkedHashMap<>();
        sshG.lines().filter(l -> l.contains(" ")).forEach(l ->
                options.computeIfAbsent(l.substring(0, l.indexOf(' ')), k -> new ArrayList<>()).add(l.substring(l.indexOf(' ') + 1)));
        return options;
    }

    private static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
