package io.devws.cli;

import io.devws.cli.command.DevwsCommand;
import picocli.CommandLine;

/** Entry point of {@code devws} (and {@code kubectl devws}). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(DevwsCommand.commandLine().execute(args));
    }
}
