package io.devws.cli;

import io.devws.cli.command.DevwsCommand;
import picocli.CommandLine;

/** Entry point of {@code devws} (and {@code kubectl devws}). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        CommandLine cmd = DevwsCommand.commandLine();
        int code = cmd.execute(args);
        // commands print with print(), which the autoflushing writer does not flush
        cmd.getOut().flush();
        cmd.getErr().flush();
        System.exit(code);
    }
}
