package io.devws.sidecar.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.host.client.HostClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The real session host, started the way the sidecar's supervisor does: the built launcher's
 * {@code start}, which daemonizes and returns once the socket listens. {@link #close()} stops it.
 */
final class SessionHost implements AutoCloseable {
    static final Path LAUNCHER = Path.of("../host/target/devws-host/bin/devws-host").toAbsolutePath().normalize();

    final Path socket;

    private SessionHost(Path socket) {
        this.socket = socket;
    }

    static SessionHost start(SidecarProcesses sp) throws IOException, InterruptedException {
        Path socket = sp.dir.resolve("host/host.sock");
        SidecarProcesses.Result r = sp.run(List.of(LAUNCHER.toString(), "start", "--socket", socket.toString()));
        assertThat(r.code()).as("devws-host start: %s", r.err()).isZero();
        assertThat(HostClient.ping(socket)).isPositive();
        sp.settings.put("DEVWS_EXECUTOR", "host");
        sp.settings.put("DEVWS_HOST_SOCKET", socket.toString());
        return new SessionHost(socket);
    }

    /** The host's own process: the one serving this socket. */
    Optional<ProcessHandle> process() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("io.devws.host.Main serve") && c.contains(socket.toString())).orElse(false))
                .findFirst();
    }

    @Override
    public void close() {
        process().ifPresent(ProcessHandle::destroy);
    }
}
