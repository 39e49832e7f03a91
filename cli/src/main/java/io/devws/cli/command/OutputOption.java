package io.devws.cli.command;

import io.devws.cli.output.OutputFormat;
import picocli.CommandLine.Option;

/** kubectl's {@code -o FORMAT} and {@code --no-headers}, mixed into commands that print workspaces. */
public final class OutputOption {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class, description = OutputFormat.HELP)
    public OutputFormat format = OutputFormat.TABLE;

    @Option(names = "--no-headers", description = "Print tables without their header line.")
    public boolean noHeaders;
}
