package io.devws.cli.tunnel;

import io.devws.transport.io.Pump;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code cli/target/devws} as a running child process, with its stdout and stderr collected. */
final class ProxyProcess implements AutoCloseable {
    static final Path LAUNCHER = Path.of("target", "devws").toAbsolutePath();

    private final Process process;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread outReader;
    private final Thread errReader;

    private ProxyProcess(Process process) {
        this.process = process;
        outReader = drain(process.getInputStream(), out);
        errReader = drain(process.getErrorStream(), err);
    }

    static ProxyProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        // these tests pin the in-process ProxyCommand (signals, exit paths); TunnelAgentIT covers the agent
        pb.environment().put("DEVWS_AGENT", "off");
        return new ProxyProcess(pb.start());
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    void send(String text) throws IOException {
        stdin().write(text.getBytes(StandardCharsets.UTF_8));
        stdin().flush();
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the exit; -1 when it did not end in time. */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            return -1;
        }
        outReader.join(5000);
        errReader.join(5000);
        return process.exitValue();
    }

    String out() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    String err() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream sink) {
        return Pump.start("drain", () -> {
            try {
                Pump.drain(in, (b, off, len) -> {
                    synchronized (sink) {
                        sink.write(b, off, len);
                    }
                });
            } catch (IOException e) {
                // the process or PTY is gone
            }
        });
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
