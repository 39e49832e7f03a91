package io.devws.operator.model;

import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * Operator-wide settings the pure builders need (from {@code devws.operator.*}); a plain record so
 * model tests construct it without Quarkus.
 *
 * @param sidecarImage image of the devws-sshd container
 * @param sidecarImagePullPolicy its pull policy
 * @param sidecarResources resources of the sidecar container
 * @param devDefaultResources resources of the dev container when the spec sets none (may be null)
 * @param sidecarUser uid the sidecar runs as (non-root)
 * @param fsGroup pod fsGroup, so both containers share the agent socket and read the host key
 */
public record ModelSettings(String sidecarImage, String sidecarImagePullPolicy, ResourceRequirements sidecarResources,
        ResourceRequirements devDefaultResources, long sidecarUser, long fsGroup) {
}
