package io.devws.model;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A developer workspace: one pod with the user's container and the devws SSH sidecar. */
@Group("devws.io")
@Version("v1alpha1")
@Kind("DevWorkspace")
@Plural("devworkspaces")
@ShortNames("dws")
public class DevWorkspace extends CustomResource<DevWorkspaceSpec, DevWorkspaceStatus> implements Namespaced {
}
