package io.devws.testing;

import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceSpec;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.Phase;
import io.devws.model.SidecarContract;
import io.devws.model.WorkspaceNames;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Creates what the operator would: a DevWorkspace with its status, and its running pod. */
public final class TestWorkspaces {
    private TestWorkspaces() {
    }

    /** A Running workspace whose status names its Ready pod (both created). */
    public static DevWorkspace running(KubernetesClient client, String namespace, String name) {
        Pod pod = client.pods().inNamespace(namespace).resource(pod(namespace, name, true)).create();
        return workspace(client, namespace, name, true, Phase.Running, pod.getMetadata().getName());
    }

    /** A stopped workspace: started=false, no pod. */
    public static DevWorkspace stopped(KubernetesClient client, String namespace, String name) {
        return workspace(client, namespace, name, false, Phase.Stopped, null);
    }

    public static DevWorkspace workspace(KubernetesClient client, String namespace, String name, boolean started,
            Phase phase, String podName) {
        DevWorkspace ws = new DevWorkspace();
        ws.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        DevWorkspaceSpec spec = new DevWorkspaceSpec();
        spec.setStarted(started);
        ws.setSpec(spec);
        DevWorkspace created = client.resources(DevWorkspace.class).inNamespace(namespace).resource(ws).create();
        DevWorkspaceStatus status = new DevWorkspaceStatus();
        status.setPhase(phase);
        status.setPodName(podName);
        created.setStatus(status);
        return client.resources(DevWorkspace.class).inNamespace(namespace).resource(created).updateStatus();
    }

    /** The workspace pod with both containers, labelled like the operator does, Ready or not. */
    public static Pod pod(String namespace, String name, boolean ready) {
        String status = ready ? "True" : "False";
        return new PodBuilder()
                .withNewMetadata().withName(WorkspaceNames.of(name).pod()).withNamespace(namespace)
                    .withLabels(WorkspaceNames.of(name).labels()).endMetadata()
                .withNewSpec()
                    .addNewContainer().withName(SidecarContract.DEV_CONTAINER).withImage("dev:test").endContainer()
                    .addNewContainer().withName(SidecarContract.SIDECAR_CONTAINER).withImage("sidecar:test").endContainer()
                .endSpec()
                .withNewStatus().withPhase(ready ? "Running" : "Pending")
                    .addNewCondition().withType("Ready").withStatus(status).endCondition()
                    .addNewCondition().withType("ContainersReady").withStatus(status).endCondition()
                .endStatus()
                .build();
    }
}
