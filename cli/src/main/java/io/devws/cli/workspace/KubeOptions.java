package io.devws.cli.workspace;

import picocli.CommandLine.Option;

/** kubectl-like connection flags, mixed into every command that talks to a cluster. */
public final class KubeOptions {
    @Option(names = "--kubeconfig", description = "Path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config).")
    public String kubeconfig;

    @Option(names = "--context", description = "The kubeconfig context to use.")
    public String context;

    @Option(names = {"-n", "--namespace"}, description = "Namespace (default: the context's namespace).")
    public String namespace;

    /** The same connection flags, scoped to {@code namespace} when it is set (e.g. from NAME.NAMESPACE.devws). */
    public KubeOptions inNamespace(String namespace) {
        KubeOptions scoped = new KubeOptions();
        scoped.kubeconfig = kubeconfig;
        scoped.context = context;
        scoped.namespace = namespace != null ? namespace : this.namespace;
        return scoped;
    }
}
