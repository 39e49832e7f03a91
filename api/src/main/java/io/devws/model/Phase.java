package io.devws.model;

/** Lifecycle phase of a DevWorkspace, in status.phase. */
public enum Phase {
    /** Accepted; storage, host key or RBAC not ready yet. */
    Pending,
    /** The pod exists and is being scheduled, pulled or started. */
    Starting,
    /** The pod runs and the SSH sidecar is ready. */
    Running,
    /** started=false: the pod is being deleted. */
    Stopping,
    /** No pod; the storage is kept. */
    Stopped,
    /** The workspace cannot start without a change (see conditions and message). */
    Failed
}
