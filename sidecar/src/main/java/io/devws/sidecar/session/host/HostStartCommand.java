package io.devws.sidecar.session.host;

import io.devws.model.SidecarContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command exec'd into the dev container to start the host: {@code devws-host start --socket S
 * --allow-uid U}, U being this sidecar's uid, the only peer the host accepts.
 */
public record HostStartCommand(String launcher, Path socket, long allowUid) {
    public static HostStartCommand forThisProcess(Path socket) {
        return new HostStartCommand(SidecarContract.HOST_LAUNCHER, socket, currentUid());
    }

    public List<String> argv() {
        return List.of(launcher, "start", "--socket", socket.toString(), "--allow-uid", Long.toString(allowUid));
    }

    static long currentUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read this process's uid from /proc/self: " + e.getMessage(), e);
        }
    }
}
