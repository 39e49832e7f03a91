package io.devws.cli.sshconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * OpenSSH's own verdict on the files config-ssh would write, before it writes any: the new user config and
 * managed files go into a private temporary directory (the user config's Includes pointed at the temporary
 * managed files) and {@code ssh -G -F} parses them for a local, a cluster and a non-devws host. A config that
 * ssh rejects would break every ssh on the machine, so it is never written.
 */
public final class OpenSshCheck {

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
        String ssh = SshG.ssh();
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
        SshG.Result result;
        try {
            result = SshG.run(command, copies.get(0).getParent());
        } catch (SshConfigException e) {
            throw new SshConfigException(e.getMessage() + "; nothing was changed");
        }
        if (result.exit() != 0) {
            String reason = result.reason();
            for (int i = 0; i < copies.size(); i++) {
                reason = reason.replace(copies.get(i).toString(), real.get(i) + (i == 0 ? " (with devws's Include lines)" : ""));
            }
            reason = reason.strip().replaceAll("\\.$", "");
            throw new SshConfigException("OpenSSH rejects the ssh config devws would write: " + reason
                    + "; nothing was changed (fix the value, or `ssh -G` in your own config)");
        }
        return result.out();
    }

    /** {@code ssh -G} output as keyword → values (IdentityFile and others repeat). */
    public static Map<String, List<String>> effective(String sshG) {
        return new SshG.Result(0, sshG, "").options();
    }

}
