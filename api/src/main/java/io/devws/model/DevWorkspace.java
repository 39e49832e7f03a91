package io.devws.model;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
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
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Image", jsonPath = ".spec.container.image")
@AdditionalPrinterColumn(name = "Pod", jsonPath = ".status.podName")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
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
    protected DevWorkspaceSpec initSpec() {
        return new DevWorkspaceSpec();
    }

    @Override
    protected DevWorkspaceStatus initStatus() {
        return null;
    }
}
