package io.devws.model.schema;

import io.devws.model.MountPaths;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Adds {@code not: {pattern: MountPaths.RESERVED_PATTERN}} to spec.storage.mountPath: RE2 has no
 * negative look-ahead, and Kubernetes 1.20 no CEL rules, so "not under these directories" is a
 * {@code not} (allowed in structural schemas as long as it holds value validations only).
 */
public final class MountPathRule implements SchemaCustomizer.Customizer {
    @Override
    public JSONSchemaProps apply(JSONSchemaProps root, String input, KubernetesSerialization serialization) {
        JSONSchemaProps mountPath = FieldDescriptions.at(root, "spec.storage.mountPath");
        mountPath.setNot(new JSONSchemaPropsBuilder().withPattern(MountPaths.RESERVED_PATTERN).build());
        return root;
    }
}
