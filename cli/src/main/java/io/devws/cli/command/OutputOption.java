package io.devws.cli.command;

import io.devws.cli.output.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o table|json|yaml}, mixed into commands that print data. */
public final class OutputOption {
    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public OutputFormat format;
}
