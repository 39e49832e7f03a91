package io.devws.cli;

import io.devws.cli.command.DevwsCommand;
import io.devws.cli.startup.ProxyFastPath;
import picocli.CommandLine;

/** Entry point of {@code devws} (and {@code kubectl devws}). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ProxyFastPath.Invocation invocation = ProxyFastPath.of(args)
                .orElseGet(() -> new ProxyFastPath.Invocation(DevwsCommand.commandLine(), args));
        CommandLine cmd = invocation.commandLine();
        int code = cmd.execute(invocation.args());
        // commands print with print(), which the autoflushing writer does not flush
        cmd.getOut().flush();
        cmd.getErr().flush();
        System.exit(code);
    }
}
