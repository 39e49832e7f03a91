package io.devws.model;

/** Observed state of a DevWorkspace (placeholder, fleshed out by the operator issue). */
public class DevWorkspaceStatus {
}
