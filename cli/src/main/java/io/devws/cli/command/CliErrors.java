package io.devws.cli.command;

import io.devws.cli.local.LocalException;
import io.devws.cli.sshconfig.SshConfigException;
import io.devws.cli.tunnel.TunnelException;
import io.devws.cli.workspace.WorkspaceException;
import picocli.CommandLine;

/** Known failures print one line ({@code devws: what to do}) and exit non-zero; 255 for a broken tunnel, as ssh. */
public final class CliErrors implements CommandLine.IExecutionExceptionHandler {
    public static final int FAILED = 1;
    public static final int TUNNEL_FAILED = 255;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        int code = e instanceof TunnelException ? TUNNEL_FAILED : FAILED;
        if (exiting()) {
            // a signal ends this JVM (ssh ends its ProxyCommand with SIGHUP): what the teardown broke is not news
            return code;
        }
        boolean known = e instanceof WorkspaceException || e instanceof LocalException || e instanceof SshConfigException
                || e instanceof TunnelException || e instanceof IllegalArgumentException;
        cmd.getErr().println("devws: " + (known ? e.getMessage() : "unexpected error: " + e));
        if (!known || System.getenv("DEVWS_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return code;
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
