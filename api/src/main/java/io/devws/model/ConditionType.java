package io.devws.model;

/** The fixed, ordered condition types of a DevWorkspace; status.conditions lists them in this order. */
public enum ConditionType {
    StorageReady, HostKeyReady, PodReady, SshReady, Ready
}
