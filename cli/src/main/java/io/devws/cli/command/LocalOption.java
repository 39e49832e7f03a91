package io.devws.cli.command;

import picocli.CommandLine.Option;

/** {@code --local}: the backend without a cluster (workspaces under ~/.devws/local). */
public final class LocalOption {
    @Option(names = "--local", description = "Use a local workspace (~/.devws/local/NAME) instead of a cluster.")
    public boolean local;
}
