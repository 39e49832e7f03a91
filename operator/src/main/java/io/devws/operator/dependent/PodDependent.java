package io.devws.operator.dependent;

import io.devws.model.DevWorkspace;
import io.devws.model.WorkspaceNames;
import io.devws.operator.model.ModelSettings;
import io.devws.operator.model.SpecHash;
import io.devws.operator.model.WorkspacePodModel;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The workspace pod. Pods are immutable, so "update" means delete: the next reconcile, triggered by
 * the deletion event, creates the new pod. A pod is replaced only when the pod-shaping spec changed
 * (its {@code devws.io/spec-hash}), or when it ended (evicted, failed); the workflow deletes it when
 * spec.started is false.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Selectors.MANAGED))
public class PodDependent extends KubernetesDependentResource<Pod, DevWorkspace>
        implements Creator<Pod, DevWorkspace>, Updater<Pod, DevWorkspace>, GarbageCollected<DevWorkspace> {

    @Inject
    ModelSettings settings;

    @Override
    protected Pod desired(DevWorkspace ws, Context<DevWorkspace> context) {
        return WorkspacePodModel.desired(ws, settings);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DevWorkspace ws, Context<DevWorkspace> context) {
        return new ResourceID(WorkspaceNames.of(ws).pod(), ws.getMetadata().getNamespace());
    }

    @Override
    public Matcher.Result<Pod> match(Pod actual, DevWorkspace ws, Context<DevWorkspace> context) {
        if (actual.getMetadata().getDeletionTimestamp() != null) {
            return Matcher.Result.nonComputed(true); // already going; recreated once gone
        }
        Map<String, String> annotations = actual.getMetadata().getAnnotations();
        String hash = annotations == null ? null : annotations.get(WorkspacePodModel.SPEC_HASH_ANNOTATION);
        String phase = actual.getStatus() == null ? null : actual.getStatus().getPhase();
        boolean ended = "Failed".equals(phase) || "Succeeded".equals(phase);
        return Matcher.Result.nonComputed(!ended && SpecHash.of(ws).equals(hash));
    }

    @Override
    public Pod update(Pod actual, Pod desired, DevWorkspace ws, Context<DevWorkspace> context) {
        context.getClient().resource(actual).delete();
        return actual;
    }
}
