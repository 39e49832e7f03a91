package io.devws.cli.command;

import picocli.CommandLine.Option;

/** kubectl's {@code -A} and {@code -w} on {@code list} and {@code status}. */
public final class ScopeOptions {
    @Option(names = {"-A", "--all-namespaces"}, description = "Workspaces of every namespace (the table gets a NAMESPACE column).")
    public boolean allNamespaces;

    @Option(names = {"-w", "--watch"}, description = "After printing, keep watching and print each change, until interrupted (Ctrl-C).")
    public boolean watch;
}
