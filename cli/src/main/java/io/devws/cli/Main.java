package io.devws.cli;

import io.devws.cli.command.DevwsCommand;
import io.devws.cli.completion.Completer;
import io.devws.cli.startup.ProxyFastPath;
import picocli.CommandLine;

/** Entry point of {@code devws} (and {@code kubectl devws}). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(Completer.COMMAND)) {
            // before picocli: the words to complete are not this command's options
            System.out.print(Completer.forDevws().complete(java.util.Arrays.asList(args).subList(1, args.length)));
            System.out.flush();
            System.exit(0);
        }
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
