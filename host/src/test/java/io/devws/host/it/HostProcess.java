package io.devws.host.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The built launcher {@code target/devws-host/bin/devws-host}, started in the foreground. */
final class HostProcess implements AutoCloseable {
    static final Path LAUNCHER = Path.of("target/devws-host/bin/devws-host").toAbsolutePath();

    final Path socket;
    final Process process;

    private HostProcess(Path socket, Process process) {
        this.socket = socket;
        this.process = process;
    }

    static HostProcess serve(Path dir, String... extra) throws IOException, InterruptedException {
        Path socket = dir.resolve("host/host.sock");
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "serve", "--socket", socket.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                .redirectOutput(dir.resolve("host.out").toFile()).redirectError(dir.resolve("host.err").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (io.devws.host.client.HostClient.pingQuietly(socket) < 0 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(socket).as("host socket; stderr: %s", Files.readString(dir.resolve("host.err"))).exists();
        return new HostProcess(socket, p);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
