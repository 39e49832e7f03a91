package io.devws.operator.model;

import io.devws.model.DevWorkspace;
import io.devws.model.PodSpec;
import io.devws.model.WorkspaceNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;

/** The workspace pod: dev container + SSH sidecar, hardened, named after the workspace. */
public final class WorkspacePodModel {
    /** Hash of the pod-shaping part of the spec; a different value means the pod must be recreated. */
    public static final String SPEC_HASH_ANNOTATION = "devws.io/spec-hash";
    static final long GRACE_SECONDS = 10;

    private WorkspacePodModel() {
    }

    public static Pod desired(DevWorkspace ws, ModelSettings settings) {
        WorkspaceNames names = WorkspaceNames.of(ws);
        PodSpec pod = ws.getSpec().getPod() != null ? ws.getSpec().getPod() : new PodSpec();
        return new PodBuilder()
                .withNewMetadata()
                .withName(names.pod())
                .withNamespace(ws.getMetadata().getNamespace())
                .withLabels(merge(pod.getLabels(), names.labels()))
                // devws.io/* keys are devws' own (the spec hash); a user's copy is dropped
                .withAnnotations(merge(pod.getAnnotations(), Map.of(SPEC_HASH_ANNOTATION, SpecHash.of(ws))))
                .endMetadata()
                .withNewSpec()
                .withInitContainers(HostRuntimeModel.initContainer(settings))
                .withContainers(DevContainerModel.desired(ws, settings), SidecarContainerModel.desired(ws, settings))
                .withVolumes(PodVolumes.volumes(ws))
                .withServiceAccountName(names.serviceAccount())
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withRestartPolicy("Always")
                .withTerminationGracePeriodSeconds(GRACE_SECONDS)
                .withNodeSelector(pod.getNodeSelector())
                .withTolerations(pod.getTolerations() == null ? List.of() : pod.getTolerations())
                .withImagePullSecrets(pod.getImagePullSecrets() == null ? List.of() : pod.getImagePullSecrets())
                .withNewSecurityContext()
                .withFsGroup(settings.fsGroup())
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .endSpec()
                .build();
    }

    /** User entries first, without any devws.io key of theirs; then devws' own. */
    private static Map<String, String> merge(Map<String, String> user, Map<String, String> own) {
        Map<String, String> m = WorkspacePolicy.withoutOwnKeys(user);
        m.putAll(own);
        return m;
    }
}
