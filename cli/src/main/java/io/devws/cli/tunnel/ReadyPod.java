package io.devws.cli.tunnel;

import io.devws.cli.workspace.KubeWorkspaces;
import io.devws.cli.workspace.StartupStage;
import io.devws.model.DevWorkspace;
import io.devws.model.SidecarContract;
import io.devws.model.WorkspaceNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.devws.cli.error.DevwsException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a workspace's pod ({@code status.podName}, else the {@code devws.io/workspace} label) and
 * waits until it is Ready, saying on stderr what it waits for. Every failure is a
 * {@link TunnelException} with one line that says what to do.
 *
 * <p>Every {@code ssh} start comes through here, so the common case is one round trip: the pod
 * the operator names after the workspace, read as a generic resource (a map). Reading the
 * workspace and the typed {@code Pod} costs a second round trip and, in a fresh JVM, about 0.15 s
 * of building Jackson deserializers for the whole Pod tree. Anything short of a Ready pod of this
 * workspace takes the full path, which explains what it waits for.
 */
public final class ReadyPod {
    private static final Duration POLL = Duration.ofMillis(250);

    private final KubernetesClient client;
    private final KubeWorkspaces workspaces;
    private final PrintStream progress;

    public ReadyPod(KubernetesClient client, KubeWorkspaces workspaces, PrintStream progress) {
        this.client = client;
        this.workspaces = workspaces;
        this.progress = progress;
    }

    /**
     * How to wait.
     *
     * @param start       start a stopped workspace (sets spec.started, as `devws start`)
     * @param everyStage  say each stage waited for; else only the one line that a start begins
     *                    (the ProxyCommand without a terminal on its stderr)
     * @param stoppedHint ends the "is stopped" line when {@code start} is false: how else to start it
     */
    public record Wait(boolean start, Duration timeout, boolean everyStage, String stoppedHint) {
        /** The built-in client's and doctor's wait: every stage said, {@code --start} to start. */
        public static Wait of(boolean start, Duration timeout) {
            return new Wait(start, timeout, true, ", or pass --start");
        }
    }

    /** The name of the workspace's Ready pod; starts a stopped workspace only when {@code start}. */
    public String await(String name, boolean start, Duration timeout) {
        return await(name, Wait.of(start, timeout));
    }

    public String await(String name, Wait wait) {
        Optional<String> ready = guarded(() -> readyByName(name));
        return ready.orElseGet(() -> awaitTyped(name, wait).getMetadata().getName());
    }

    private Optional<String> readyByName(String name) {
        String pod;
        try {
            pod = WorkspaceNames.of(name).pod();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a workspace name: the full path says so
        }
        GenericKubernetesResource p = client.genericKubernetesResources("v1", "Pod").inNamespace(workspaces.namespace())
                .withName(pod).get();
        if (p == null || p.getMetadata().getDeletionTimestamp() != null
                || p.getMetadata().getLabels() == null || !name.equals(p.getMetadata().getLabels().get(SidecarContract.LABEL_WORKSPACE))) {
            return Optional.empty();
        }
        List<Map<String, Object>> conditions = p.get("status", "conditions");
        boolean ready = conditions != null && conditions.stream().anyMatch(c -> isReadyCondition(c.get("type"), c.get("status")));
        return ready ? Optional.of(pod) : Optional.empty();
    }

    private Pod awaitTyped(String name, Wait wait) {
        Duration timeout = wait.timeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        DevWorkspace ws = guarded(() -> workspaces.require(name));
        if (ws.getSpec() != null && !ws.getSpec().started()) {
            if (!wait.start()) {
                throw new TunnelException("workspace " + name + " in namespace " + workspaces.namespace()
                        + " is stopped: run `devws start " + name + "`" + wait.stoppedHint());
            }
            progress.println("devws: starting workspace " + name + (wait.everyStage() ? "" : " (waiting up to " + timeout.toSeconds() + "s)"));
            ws = guarded(() -> workspaces.setStarted(name, true));
        }
        String said = null;
        DevWorkspace known = ws;
        while (true) {
            // the first look reuses the workspace just read: each API round trip delays every ssh start
            DevWorkspace current = known != null ? known : guarded(() -> workspaces.require(name));
            known = null;
            Optional<Pod> pod = guarded(() -> pod(current));
            if (pod.isPresent() && isReady(pod.get())) {
                return pod.get();
            }
            StartupStage stage = StartupStage.of(current, pod.orElse(null));
            if (stage.failed()) {
                throw new TunnelException("workspace " + name + " " + stage.text());
            }
            String text = "devws: waiting for workspace " + name + ": " + stage.text();
            if (!text.equals(said) && wait.everyStage()) {
                progress.println(text);
                said = text;
            }
            if (System.nanoTime() > deadline) {
                throw new TunnelException("workspace " + name + " was not ready within " + timeout.toSeconds() + "s ("
                        + stage.text() + "): see `devws status " + name + "`, or wait longer with --timeout");
            }
            sleep();
        }
    }

    private Optional<Pod> pod(DevWorkspace ws) {
        Optional<Pod> byStatus = workspaces.pod(ws);
        if (byStatus.isPresent()) {
            return byStatus;
        }
        return client.pods().inNamespace(workspaces.namespace())
                .withLabels(WorkspaceNames.of(ws).selector()).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? "" : p.getMetadata().getCreationTimestamp()));
    }

    static boolean isReady(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream().anyMatch(c -> isReadyCondition(c.getType(), c.getStatus()));
    }

    /** A pod condition that says Ready, read from the typed pod or from its map (the fast path). */
    private static boolean isReadyCondition(Object type, Object status) {
        return "Ready".equals(type) && "True".equals(status);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TunnelException("interrupted while waiting for the workspace");
        }
    }

    /** As a ProxyCommand every failure is a tunnel failure (exit 255), with the API's diagnosis. */
    private <T> T guarded(java.util.function.Supplier<T> call) {
        try {
            return workspaces.call("get", "pods", call);
        } catch (TunnelException e) {
            throw e;
        } catch (DevwsException e) {
            throw new TunnelException(e.getMessage(), e);
        }
    }
}
