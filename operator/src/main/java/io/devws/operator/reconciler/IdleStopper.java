package io.devws.operator.reconciler;

import io.devws.model.DevWorkspace;
import io.devws.model.SidecarContract;
import io.devws.operator.status.StatusCalculator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;

/** Stops an idle workspace the way a user would: spec.started=false, plus a note of who did it. */
final class IdleStopper {
    private IdleStopper() {
    }

    static void stop(KubernetesClient client, DevWorkspace ws) {
        client.resources(DevWorkspace.class).inNamespace(ws.getMetadata().getNamespace()).withName(ws.getMetadata().getName())
                .edit(w -> {
                    w.getSpec().setStarted(false);
                    if (w.getMetadata().getAnnotations() == null) {
                        w.getMetadata().setAnnotations(new HashMap<>());
                    }
                    w.getMetadata().getAnnotations().put(SidecarContract.ANNOTATION_STOPPED_BY, StatusCalculator.STOPPED_BY_IDLE);
                    return w;
                });
    }

    /** Once started again, the old reason no longer applies. */
    static void forgetIfStarted(KubernetesClient client, DevWorkspace ws) {
        var annotations = ws.getMetadata().getAnnotations();
        if (ws.getSpec().started() && annotations != null && annotations.containsKey(SidecarContract.ANNOTATION_STOPPED_BY)) {
            client.resources(DevWorkspace.class).inNamespace(ws.getMetadata().getNamespace()).withName(ws.getMetadata().getName())
                    .edit(w -> {
                        w.getMetadata().getAnnotations().remove(SidecarContract.ANNOTATION_STOPPED_BY);
                        return w;
                    });
        }
    }
}
