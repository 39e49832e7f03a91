package io.devws.model.schema;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;

/**
 * Describes, in the generated CRD, the kind itself and the fields that come from Kubernetes' own types
 * (EnvVar, ResourceRequirements, Toleration, LocalObjectReference): Fabric8's model classes carry no
 * descriptions, and `kubectl explain` should be useful at every level. Used at build time by the
 * crd-generator plugin through {@code @SchemaCustomizer(FieldDescriptions.class)} on DevWorkspace.
 */
public final class FieldDescriptions implements SchemaCustomizer.Customizer {
    /** Path (dot-separated properties, {@code []} for array items) → description; "" is the kind. */
    static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("", "A developer workspace reached over SSH: one pod with the user's dev container and the devws SSH"
                    + " sidecar, plus its storage and host key. `ssh NAME.NAMESPACE.devws` (devws config-ssh) connects"
                    + " through the Kubernetes exec API, so whoever may exec into the pod may log in."),
            Map.entry("spec", "Desired state: the dev container, storage, SSH settings, idle stop and pod settings."),
            Map.entry("status", "Observed state, written by the operator only: phase, conditions, pod and SSH host key."),
            Map.entry("spec.container.env[].name", "Name of the environment variable."),
            Map.entry("spec.container.env[].value", "Value; $(VAR) references to earlier variables are expanded."),
            Map.entry("spec.container.env[].valueFrom", "Source of the value (instead of value)."),
            Map.entry("spec.container.env[].valueFrom.configMapKeyRef", "Refused by the operator: env comes from values, fieldRef, resourceFieldRef or an opted-in Secret (docs/security.md)."),
            Map.entry("spec.container.env[].valueFrom.configMapKeyRef.key", "The key to select."),
            Map.entry("spec.container.env[].valueFrom.configMapKeyRef.name", "Name of the ConfigMap."),
            Map.entry("spec.container.env[].valueFrom.configMapKeyRef.optional", "Whether the ConfigMap or its key may be missing."),
            Map.entry("spec.container.env[].valueFrom.fieldRef", "A field of the pod: metadata.name, metadata.namespace, status.podIP, ..."),
            Map.entry("spec.container.env[].valueFrom.fieldRef.apiVersion", "Version of the schema fieldPath is written in (default v1)."),
            Map.entry("spec.container.env[].valueFrom.fieldRef.fieldPath", "Path of the field to select."),
            Map.entry("spec.container.env[].valueFrom.fileKeyRef", "Refused by the operator: the pod's volumes are devws' own (docs/security.md)."),
            Map.entry("spec.container.env[].valueFrom.fileKeyRef.key", "The key within the env file."),
            Map.entry("spec.container.env[].valueFrom.fileKeyRef.optional", "Whether the file or key may be missing."),
            Map.entry("spec.container.env[].valueFrom.fileKeyRef.path", "Path of the env file within the volume."),
            Map.entry("spec.container.env[].valueFrom.fileKeyRef.volumeName", "Name of the volume holding the file."),
            Map.entry("spec.container.env[].valueFrom.resourceFieldRef", "A resource of the container: limits.cpu, requests.memory, ..."),
            Map.entry("spec.container.env[].valueFrom.resourceFieldRef.containerName", "Container name (default: this one)."),
            Map.entry("spec.container.env[].valueFrom.resourceFieldRef.divisor", "Unit of the exposed value, e.g. 1Mi (default 1)."),
            Map.entry("spec.container.env[].valueFrom.resourceFieldRef.resource", "The resource to select."),
            Map.entry("spec.container.env[].valueFrom.secretKeyRef", "A key of a Secret in the namespace that carries the label devws.io/workspace-env: \"true\" (its owner's opt-in, docs/security.md); the operator refuses any other Secret."),
            Map.entry("spec.container.env[].valueFrom.secretKeyRef.key", "The key to select."),
            Map.entry("spec.container.env[].valueFrom.secretKeyRef.name", "Name of the Secret."),
            Map.entry("spec.container.env[].valueFrom.secretKeyRef.optional", "Whether the Secret or its key may be missing."),
            Map.entry("spec.container.resources.claims", "Dynamic resource claims of the pod this container uses (DRA)."),
            Map.entry("spec.container.resources.claims[].name", "Name of a resource claim of the pod."),
            Map.entry("spec.container.resources.claims[].request", "Name of a request within that claim."),
            Map.entry("spec.container.resources.limits", "Maximum resources, e.g. cpu: \"2\", memory: 4Gi."),
            Map.entry("spec.container.resources.requests", "Resources reserved for scheduling, e.g. cpu: 500m, memory: 1Gi."),
            Map.entry("spec.pod.imagePullSecrets[].name", "Name of a Secret of type kubernetes.io/dockerconfigjson."),
            Map.entry("spec.pod.tolerations[].effect", "Taint effect to match: NoSchedule, PreferNoSchedule or NoExecute; empty: all."),
            Map.entry("spec.pod.tolerations[].key", "Taint key to match; empty with operator Exists: all taints."),
            Map.entry("spec.pod.tolerations[].operator", "Equal (default) or Exists."),
            Map.entry("spec.pod.tolerations[].tolerationSeconds", "For NoExecute: how long the pod stays bound after the taint appears."),
            Map.entry("spec.pod.tolerations[].value", "Taint value to match (operator Equal)."));

    @Override
    public JSONSchemaProps apply(JSONSchemaProps root, String input, KubernetesSerialization serialization) {
        DESCRIPTIONS.forEach((path, description) -> at(root, path).setDescription(description));
        return root;
    }

    static JSONSchemaProps at(JSONSchemaProps root, String path) {
        JSONSchemaProps node = root;
        if (path.isEmpty()) {
            return node;
        }
        for (String part : path.split("\\.")) {
            boolean item = part.endsWith("[]");
            String name = item ? part.substring(0, part.length() - 2) : part;
            node = node.getProperties() == null ? null : node.getProperties().get(name);
            if (node != null && item) {
                node = node.getItems() == null ? null : node.getItems().getSchema();
            }
            if (node == null) {
                // a renamed field must not silently lose its description
                throw new IllegalStateException("CRD schema has no " + path);
            }
        }
        return node;
    }
}
