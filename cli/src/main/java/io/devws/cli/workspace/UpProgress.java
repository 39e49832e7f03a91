package io.devws.cli.workspace;

import io.devws.model.DevWorkspace;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** Polls a starting workspace, its pod and the pod's events until SSH is ready, showing each step. */
public final class UpProgress {
    private static final Duration POLL = Duration.ofMillis(500);
    private final KubeWorkspaces workspaces;
    private final ProgressLine line;

    public UpProgress(KubeWorkspaces workspaces, ProgressLine line) {
        this.workspaces = workspaces;
        this.line = line;
    }

    public DevWorkspace await(String name, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Set<String> seenEvents = new HashSet<>();
        try {
            while (true) {
                DevWorkspace ws = workspaces.require(name);
                Pod pod = workspaces.pod(ws).orElse(null);
                if (pod != null) {
                    for (Event e : workspaces.events(pod.getMetadata().getName())) {
                        String key = e.getMetadata().getUid() + "/" + e.getCount();
                        if (seenEvents.add(key)) {
                            line.log("  " + e.getReason() + ": " + e.getMessage());
                        }
                    }
                }
                StartupStage stage = StartupStage.of(ws, pod);
                line.update(name + ": " + stage.text());
                if (stage.ready()) {
                    return ws;
                }
                if (stage.failed()) {
                    throw new WorkspaceException(name + " " + stage.text());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new WorkspaceException(name + " is not ready after " + timeout.toSeconds() + "s (" + stage.text()
                            + "): see `devws status " + name + "`, or wait longer with --timeout");
                }
                Thread.sleep(POLL.toMillis());
            }
        } finally {
            line.finish();
        }
    }
}
