package io.devws.cli.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the user's agent as a detached process ({@code setsid devws agent run}), its output
 * appended to {@code agent.log}: it outlives the ssh that started it and never holds ssh's pipes.
 * Best effort: without the launcher (tests from classes) or when disabled it does nothing.
 */
public final class AgentLauncher {
    private AgentLauncher() {
    }

    public static void startInBackground() {
        String home = System.getProperty("devws.home");
        if (AgentPaths.disabled() || home == null) {
            return;
        }
        AgentPaths paths = AgentPaths.current();
        Path launcher = Path.of(home, "devws");
        try {
            paths.ensureDir();
            List<String> cmd = new ArrayList<>();
            // its own session: the terminal's Ctrl-C (sent to ssh's process group) does not reach it
            for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
                if (Files.isExecutable(Path.of(setsid))) {
                    cmd.add(setsid);
                    break;
                }
            }
            cmd.addAll(List.of(launcher.toString(), "agent", "run"));
            new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.log().toFile()))
                    .redirectErrorStream(true).start();
        } catch (IOException | RuntimeException e) {
            // the in-process path works without it; the next connection tries again
        }
    }
}
