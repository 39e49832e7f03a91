package io.devws.cli.command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the CLI in-process with a given HOME; captures stdout, stderr and the exit code. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun run(Path home, String... args) {
        return run(home, new StringWriter(), args);
    }

    /** As {@link #run(Path, String...)}, writing stdout to {@code out} as it goes, for a test that watches it. */
    public static CliRun run(Path home, StringWriter out, String... args) {
        String savedHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        System.setProperty("devws.executable", "/opt/devws/devws");
        try {
            StringWriter err = new StringWriter();
            CommandLine cmd = DevwsCommand.commandLine();
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            int code = cmd.execute(args);
            return new CliRun(code, out.toString(), err.toString());
        } finally {
            System.setProperty("user.home", savedHome);
        }
    }
}
