package io.devws.host.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The dev container's user as sshd sees it: name, home and login shell from the passwd entry of
 * the host's uid; {@code $HOME}/{@code $SHELL} and /bin/sh where the image has no entry.
 */
public record Account(int uid, String name, String home, String shell) {
    public static Account of(int uid, Path passwd) {
        String[] entry = entry(uid, passwd);
        String name = entry != null ? entry[0] : envOr("USER", Integer.toString(uid));
        String home = entry != null && !entry[5].isEmpty() ? entry[5] : envOr("HOME", "/");
        String shell = entry != null && usable(entry[6]) ? entry[6] : usable(System.getenv("SHELL"))
                ? System.getenv("SHELL") : "/bin/sh";
        return new Account(uid, name, home, shell);
    }

    private static String[] entry(int uid, Path passwd) {
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] f = line.split(":", -1);
                if (f.length >= 7 && f[2].equals(Integer.toString(uid))) {
                    return f;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static boolean usable(String shell) {
        return shell != null && !shell.isBlank() && !shell.endsWith("/nologin") && !shell.endsWith("/false")
                && Files.isExecutable(Path.of(shell));
    }
}
