package io.devws.host;

import io.devws.host.client.HostClient;
import io.devws.host.os.LibC;
import io.devws.host.server.HostServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code devws-host serve|start|ping --socket PATH [--allow-uid UID]} (docs/session-host.md).
 * Exit codes: 0 done, 1 cannot run (one line on stderr says why), 2 usage.
 */
public final class Main {
    static final String USAGE = "usage: devws-host serve|start|ping --socket PATH [--allow-uid UID]";
    private static final long START_TIMEOUT_SECONDS = 30;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("devws-host: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        try {
            return switch (o.command) {
                case "serve" -> serve(o);
                case "start" -> start(o);
                case "ping" -> ping(o);
                default -> throw new IllegalStateException();
            };
        } catch (IOException | RuntimeException e) {
            System.err.println("devws-host: " + o.command + " failed: " + describe(e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** One line: file-system errors name their path and the reason (e.g. read-only, no permission). */
    static String describe(Exception e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            String why = f.getReason() != null ? f.getReason() : f.getClass().getSimpleName()
                    .replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
            return f.getFile() + ": " + why;
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static int serve(Options o) throws IOException, InterruptedException {
        if (o.daemon) {
            LibC.INSTANCE.setsid(); // out of the starting exec's session: its end does not reach us
        }
        try (HostServer server = HostServer.start(o.socket, o.allowUid)) {
            if (o.daemon) {
                System.out.println("ready");
                System.out.close(); // tells `start` we listen, and detaches from its pipe
            }
            server.await();
        }
        return 0;
    }

    /** Starts {@code serve --daemon} detached and returns once it listens (or says why it could not). */
    private static int start(Options o) throws IOException, InterruptedException {
        if (HostClient.pingQuietly(o.socket) > 0) {
            return 0; // already serving
        }
        Path log = Path.of(o.socket + ".log");
        Files.createDirectories(o.socket.toAbsolutePath().getParent());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String opts = System.getenv("DEVWS_HOST_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(List.of(opts.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--daemon",
                "--socket", o.socket.toString()));
        if (o.allowUid != null) {
            cmd.addAll(List.of("--allow-uid", o.allowUid.toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = readLine(r);
        }
        if ("ready".equals(line)) {
            return 0;
        }
        if (!p.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            System.err.println("devws-host: the host did not listen within " + START_TIMEOUT_SECONDS + " s (log: " + log + ")");
            return 1;
        }
        System.err.println("devws-host: the host exited with " + p.exitValue() + ": " + lastLine(log));
        return 1;
    }

    private static String readLine(BufferedReader r) throws InterruptedException {
        // a daemon thread, so a host that never answers cannot hold `start` past its timeout
        String[] line = new String[1];
        Thread t = new Thread(() -> {
            try {
                line[0] = r.readLine();
            } catch (IOException e) {
                line[0] = null;
            }
        });
        t.setDaemon(true);
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(START_TIMEOUT_SECONDS));
        return line[0];
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank() && !lines.get(i).startsWith("\tat ")) {
                    return lines.get(i).trim();
                }
            }
        } catch (IOException e) {
            return "no log at " + log;
        }
        return "see " + log;
    }

    private static int ping(Options o) throws IOException {
        System.out.println("devws-host protocol " + HostClient.ping(o.socket));
        return 0;
    }

    static final class Options {
        String command;
        Path socket;
        Long allowUid;
        boolean daemon;

        static Options parse(String[] args) {
            Options o = new Options();
            if (args.length == 0 || !List.of("serve", "start", "ping").contains(args[0])) {
                throw new IllegalArgumentException(args.length == 0 ? "no command" : "unknown command '" + args[0] + "'");
            }
            o.command = args[0];
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--socket" -> o.socket = Path.of(value(args, ++i, "--socket"));
                    case "--allow-uid" -> {
                        String v = value(args, ++i, "--allow-uid");
                        try {
                            o.allowUid = Long.parseLong(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--allow-uid needs a number, got '" + v + "'");
                        }
                    }
                    case "--daemon" -> o.daemon = true;
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            if (o.socket == null) {
                throw new IllegalArgumentException("--socket PATH is required");
            }
            return o;
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }
    }
}
