package io.devws.cli.tunnel;

import io.devws.cli.workspace.KubeOptions;
import io.devws.cli.workspace.WorkspaceRef;
import java.time.Duration;

/** A ProxyCommand's target: connection flags, workspace, --start and the readiness wait. */
public record StdioTarget(KubeOptions kube, WorkspaceRef ref, boolean start, Duration timeout) {
}
