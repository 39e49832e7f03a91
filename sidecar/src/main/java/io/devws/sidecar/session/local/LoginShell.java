package io.devws.sidecar.session.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The user's login shell: passwd entry, else {@code $SHELL}, else {@code /bin/sh}. */
public record LoginShell(String path) {
    public static LoginShell ofCurrentUser() {
        String user = System.getProperty("user.name");
        String fromPasswd = passwdShell(Path.of("/etc/passwd"), user);
        if (usable(fromPasswd)) {
            return new LoginShell(fromPasswd);
        }
        String env = System.getenv("SHELL");
        return new LoginShell(usable(env) ? env : "/bin/sh");
    }

    /** An interactive login shell for {@code null}, else {@code shell -c command}. */
    public List<String> command(String command) {
        return command == null ? List.of(path, "-l") : List.of(path, "-c", command);
    }

    static String passwdShell(Path passwd, String user) {
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] f = line.split(":", -1);
                if (f.length >= 7 && f[0].equals(user)) {
                    return f[6];
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static boolean usable(String shell) {
        return shell != null && !shell.isBlank() && !shell.endsWith("/nologin") && !shell.endsWith("/false")
                && Files.isExecutable(Path.of(shell));
    }
}
