package io.devws.model;

/** Kubernetes image pull policies, spelled as in a pod spec. */
public enum ImagePullPolicy {
    Always, IfNotPresent, Never
}
