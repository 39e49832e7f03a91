package io.devws.cli.local;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The resident {@code devws-sidecar serve} of a --local workspace, started on demand in its own
 * session ({@code setsid}) so it outlives the ProxyCommand that started it and ssh's SIGHUP.
 */
public final class LocalDaemon {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private final LocalLayout layout;

    public LocalDaemon(LocalLayout layout) {
        this.layout = layout;
    }

    public boolean running() {
        if (!Files.exists(layout.socket())) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(layout.socket()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public Optional<Long> pid() {
        try {
            return Files.exists(layout.daemonPid()) ? Optional.of(Long.parseLong(Files.readString(layout.daemonPid()).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static List<String> serveArguments(Path sidecar, LocalLayout layout) {
        return List.of(sidecar.toString(), "serve",
                "--socket", layout.socket().toString(), "--host-key", layout.hostKey().toString(),
                "--agent-dir", layout.agentDir().toString(), "--executor", "local", "--workdir", layout.workdir().toString());
    }

    /** Starts the daemon unless it runs; returns once its socket accepts connections. */
    public void ensureRunning(Path sidecar) {
        if (running()) {
            return;
        }
        try {
            Files.deleteIfExists(layout.socket());
            ProcessBuilder pb = new ProcessBuilder(setsid(serveArguments(sidecar, layout)))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.daemonLog().toFile()))
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process process = pb.start();
            Files.writeString(layout.daemonPid(), Long.toString(process.pid()));
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!running()) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    process.destroy();
                    throw new LocalException("the devws-sidecar daemon of " + layout.name() + " did not start: see " + layout.daemonLog());
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new LocalException("cannot start devws-sidecar " + sidecar + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalException("interrupted while starting the daemon of " + layout.name());
        }
    }

    private static List<String> setsid(List<String> command) {
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            List<String> out = new java.util.ArrayList<>();
            out.add("/usr/bin/setsid");
            out.addAll(command);
            return out;
        }
        return command;
    }

    /**
     * Whether {@code pid} is this workspace's daemon: its command line says {@code serve --socket SOCKET} with this
     * workspace's socket. A stale pid file may name a pid the system has since given to any other process.
     */
    boolean isOurDaemon(long pid) {
        List<String> args;
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            args = Files.exists(cmdline) ? List.of(Files.readString(cmdline).split("\0"))
                    : ProcessHandle.of(pid).flatMap(h -> h.info().arguments()).map(List::of).orElse(List.of());
        } catch (IOException e) {
            return false;
        }
        int socket = args.indexOf("--socket");
        return args.contains("serve") && socket >= 0 && socket + 1 < args.size()
                && args.get(socket + 1).equals(layout.socket().toString());
    }

    /** Stops the daemon (SIGTERM, then SIGKILL after 10 s); true when one was running. */
    public boolean stop() {
        Optional<ProcessHandle> handle = pid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(h -> isOurDaemon(h.pid()));
        handle.ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
        try {
            Files.deleteIfExists(layout.daemonPid());
            Files.deleteIfExists(layout.socket());
        } catch (IOException ignored) {
            // the next start removes a stale socket anyway
        }
        return handle.isPresent();
    }
}
