package io.devws.model;

import io.devws.model.schema.FieldDescriptions;
import io.devws.model.schema.MountPathRule;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A developer workspace: one pod with the user's container and the devws SSH sidecar. */
@Group(DevWorkspace.GROUP)
@Version(DevWorkspace.VERSION)
@Kind("DevWorkspace")
@Plural("devworkspaces")
@ShortNames("dws")
@Categories("devws")
// the generator sorts columns by jsonPath; CrdColumns puts them in this order in the shipped copies
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", getDescription = "Lifecycle phase")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        getDescription = "Whether ssh NAME.NAMESPACE.devws works now")
@AdditionalPrinterColumn(name = "Image", jsonPath = ".spec.container.image", getDescription = "Image of the dev container")
@AdditionalPrinterColumn(name = "Pod", jsonPath = ".status.podName", priority = 1, getDescription = "The workspace pod")
@AdditionalPrinterColumn(name = "Host-Key", jsonPath = ".status.ssh.hostKeyFingerprint", priority = 1,
        getDescription = "SSH host key fingerprint, as ssh prints it")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@SchemaCustomizer(FieldDescriptions.class)
@SchemaCustomizer(MountPathRule.class)
public class DevWorkspace extends CustomResource<DevWorkspaceSpec, DevWorkspaceStatus> implements Namespaced {
    public static final String GROUP = "devws.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    @Override
    @Required
    public DevWorkspaceSpec getSpec() {
        return super.getSpec();
    }

    @Override
    public DevWorkspaceStatus getStatus() {
        return super.getStatus();
    }

    @Override
    protected DevWorkspaceSpec initSpec() {
        return new DevWorkspaceSpec();
    }

    @Override
    protected DevWorkspaceStatus initStatus() {
        return null;
    }
}
