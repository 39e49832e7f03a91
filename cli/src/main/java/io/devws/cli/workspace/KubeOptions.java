package io.devws.cli.workspace;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * kubectl's global flags, mixed into the root command and every subcommand, so that they work before or
 * after the subcommand ({@code devws -n team list} and {@code devws list -n team}); a flag given after the
 * subcommand wins, as with kubectl. {@link #resolved()} merges the two.
 */
public final class KubeOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config).")
    public String kubeconfig;

    @Option(names = "--context", paramLabel = "CONTEXT", description = "The kubeconfig context to use.")
    public String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "Namespace (default: the context's namespace).")
    public String namespace;

    @Option(names = {"-v", "--verbose"}, description = "On failure, also print the chain of causes (and the stack trace of an unexpected error).")
    public boolean verbose;

    /** The command this mixin belongs to; null when built by hand. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** These flags over the root command's (given before the subcommand). */
    public KubeOptions resolved() {
        KubeOptions root = rootOptions();
        KubeOptions merged = copy();
        if (root != null && root != this) {
            merged.kubeconfig = kubeconfig != null ? kubeconfig : root.kubeconfig;
            merged.context = context != null ? context : root.context;
            merged.namespace = namespace != null ? namespace : root.namespace;
            merged.verbose = verbose || root.verbose;
        }
        return merged;
    }

    /** The same connection flags, scoped to {@code namespace} when it is set (e.g. from NAME.NAMESPACE.devws). */
    public KubeOptions inNamespace(String namespace) {
        KubeOptions scoped = resolved();
        scoped.namespace = namespace != null ? namespace : scoped.namespace;
        return scoped;
    }

    private KubeOptions copy() {
        KubeOptions copy = new KubeOptions();
        copy.kubeconfig = kubeconfig;
        copy.context = context;
        copy.namespace = namespace;
        copy.verbose = verbose;
        return copy;
    }

    private KubeOptions rootOptions() {
        if (mixee == null) {
            return null;
        }
        CommandSpec root = mixee.root();
        for (CommandSpec mixin : root.mixins().values()) {
            if (mixin.userObject() instanceof KubeOptions options) {
                return options;
            }
        }
        return null;
    }
}
