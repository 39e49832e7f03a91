package io.devws.cli.completion;

import io.devws.cli.workspace.KubeOptions;
import java.util.List;

/** Where completion finds names: workspaces (cluster or --local), namespaces, kubeconfig contexts. */
public interface Candidates {
    List<String> workspaces(KubeOptions kube, boolean local);

    List<String> namespaces(KubeOptions kube);

    List<String> contexts(KubeOptions kube);
}
