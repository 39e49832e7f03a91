package io.devws.model;

/** Desired state of a DevWorkspace (placeholder, fleshed out by the operator issue). */
public class DevWorkspaceSpec {
}
