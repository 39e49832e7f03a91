package io.devws.sidecar.session.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in for the session host's launcher ({@code devws-host start --socket S --allow-uid U}):
 * with FAKE_HOST_FAIL set it fails as the real one does in an image without glibc (one line on
 * stderr, exit 1); with FAKE_HOST_DELAY=S it first sleeps S seconds; otherwise it daemonizes a real socat listening on the socket and returns once
 * the socket exists. Each start is one line in starts.log; socat's pid is in host.pid.
 */
final class FakeHost {
    final Path dir;
    final Path launcher;
    final Path socket;

    FakeHost(Path dir) throws IOException {
        this.dir = dir;
        this.launcher = dir.resolve("devws-host");
        this.socket = dir.resolve("run/host.sock");
        Files.createDirectories(socket.getParent());
        Files.writeString(launcher, String.join("\n",
                "#!/bin/sh",
                "[ \"$1\" = start ] && [ \"$2\" = --socket ] && [ \"$4\" = --allow-uid ] || { echo \"usage: $0 start --socket S --allow-uid U\" >&2; exit 2; }",
                "echo \"start $*\" >> '" + dir.resolve("starts.log") + "'",
                "[ -n \"$FAKE_HOST_DELAY\" ] && sleep \"$FAKE_HOST_DELAY\"",
                "if [ -n \"$FAKE_HOST_FAIL\" ]; then echo 'devws-host: cannot run: no glibc (fake)' >&2; exit 1; fi",
                "rm -f \"$3\"",
                "setsid socat UNIX-LISTEN:\"$3\",fork SYSTEM:'echo host' </dev/null >/dev/null 2>&1 &",
                "echo $! > '" + dir.resolve("host.pid") + "'",
                "i=0; while [ ! -S \"$3\" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done",
                "[ -S \"$3\" ] || { echo 'devws-host: did not listen' >&2; exit 1; }",
                ""));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    HostStartCommand command() {
        return new HostStartCommand(launcher.toString(), socket, 4242);
    }

    List<String> starts() throws IOException {
        Path log = dir.resolve("starts.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Kills the running host (as a dev-container restart or an OOM kill would). */
    void kill() throws IOException {
        Path pid = dir.resolve("host.pid");
        if (Files.exists(pid)) {
            // socat's forked children inherit the listening socket: they go too
            ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(p -> {
                List<ProcessHandle> all = new java.util.ArrayList<>(p.descendants().toList());
                all.add(p);
                all.forEach(ProcessHandle::destroyForcibly);
                all.forEach(h -> h.onExit().join());
            });
        }
    }
}
