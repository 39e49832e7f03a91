package io.devws.e2e;

import io.devws.model.DevWorkspace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The cluster under test: a Fabric8 client for reads and waits, kubectl for what users type. */
public final class Cluster implements AutoCloseable {
    private final Path kubeconfig;
    private final KubernetesClient client;

    public Cluster(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
        this.client = new KubernetesClientBuilder().build();
    }

    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public Proc.Result kubectl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        cmd.addAll(List.of(args));
        return Proc.of(cmd).timeout(Duration.ofSeconds(180)).run();
    }

    /** Runs a shell command in a container with kubectl exec (not through SSH). */
    public Proc.Result execIn(String ns, String pod, String container, String script) {
        return kubectl("exec", "-n", ns, pod, "-c", container, "--", "sh", "-c", script);
    }

    public DevWorkspace workspace(String ns, String name) {
        return client.resources(DevWorkspace.class).inNamespace(ns).withName(name).get();
    }

    public static boolean podReady(Pod p) {
        if (p == null || p.getStatus() == null || p.getStatus().getConditions() == null) {
            return false;
        }
        return p.getStatus().getConditions().stream()
                .anyMatch((PodCondition c) -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public void deleteNamespace(String ns) {
        client.namespaces().withName(ns).delete();
    }

    @Override
    public void close() {
        client.close();
    }
}
