package io.devws.cli.command;

import io.devws.cli.error.DevwsException;
import io.devws.cli.error.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Failures as one line ({@code devws: what to do}) and a documented exit code ({@link ExitCode}): the code a
 * {@link DevwsException} carries, 1 for a bad value caught late, 2 for a wrong command line. No stack trace
 * unless {@code --verbose} (or DEVWS_DEBUG) asks for the cause chain.
 */
public final class CliErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    public static final int FAILED = ExitCode.USER_ERROR;
    public static final int TUNNEL_FAILED = ExitCode.TUNNEL;

    /** Installs both handlers on a command line. */
    public static CommandLine install(CommandLine cmd) {
        CliErrors errors = new CliErrors();
        return cmd.setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean known = e instanceof DevwsException || e instanceof IllegalArgumentException;
        int code = proxyCommand(parsed) ? ExitCode.TUNNEL : e instanceof DevwsException d ? d.exitCode() : ExitCode.USER_ERROR;
        if (exiting()) {
            // a signal ends this JVM (ssh ends its ProxyCommand with SIGHUP): what the teardown broke is not news
            return code;
        }
        PrintWriter err = cmd.getErr();
        boolean verbose = verbose(parsed);
        err.println("devws: " + (known ? e.getMessage() : "unexpected error: " + e
                + (verbose ? "" : " (rerun with --verbose for details, and please report it)")));
        if (verbose) {
            causes(e, err);
            if (!known) {
                e.printStackTrace(err);
            }
        }
        err.flush();
        return code;
    }

    /** A wrong command line: the reason and where help is, not the whole usage text (as kubectl). */
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("devws: " + e.getMessage());
        String path = cmd.getCommandSpec().qualifiedName();
        err.println("See '" + path + " --help' for usage.");
        err.flush();
        // ssh reads any ProxyCommand failure as 255 anyway; say so consistently
        return java.util.Arrays.asList(args).contains("--stdio") ? ExitCode.TUNNEL : ExitCode.USAGE;
    }

    /** As OpenSSH's ProxyCommand ({@code ssh --stdio}) every failure is ssh's 255. */
    private static boolean proxyCommand(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--stdio")) {
                return true;
            }
        }
        return false;
    }

    private static void causes(Throwable e, PrintWriter err) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            err.println("  caused by: " + t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        }
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        if (System.getenv("DEVWS_DEBUG") != null) {
            return true;
        }
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** True once the JVM is shutting down: it takes no more shutdown hooks then. */
    static boolean exiting() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
