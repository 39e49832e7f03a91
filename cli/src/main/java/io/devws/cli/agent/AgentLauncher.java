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

    /** After {@link #SESSION_DELAY_MS}, or when this JVM exits, whichever comes first. */
    private static final long SESSION_DELAY_MS = 3_000;
    private static final java.util.concurrent.atomic.AtomicBoolean STARTED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts the agent once this ProxyCommand's own connection no longer competes with it for CPU: at
     * exit (ssh ends its ProxyCommand with SIGHUP after the session, so a short command pays nothing), or
     * a few seconds into a longer session. Starting it at once made the first connection about twice as slow
     * on a busy 2-core machine (docs/benchmarks-cli.md).
     */
    public static void startSoon() {
        if (AgentPaths.disabled() || System.getProperty("devws.home") == null) {
            return;
        }
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(SESSION_DELAY_MS);
            } catch (InterruptedException e) {
                return;
            }
            startOnce();
        }, "devws-agent-start");
        later.setDaemon(true);
        later.start();
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(AgentLauncher::startOnce, "devws-agent-start-at-exit"));
        } catch (IllegalStateException e) {
            // already exiting: the timer was too late as well; the next connection starts one
        }
    }

    private static void startOnce() {
        if (STARTED.compareAndSet(false, true)) {
            startInBackground();
        }
    }

    private static void startInBackground() {
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
