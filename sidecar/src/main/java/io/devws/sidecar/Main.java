package io.devws.sidecar;

import io.devws.sidecar.bridge.FastPath;
import io.devws.sidecar.command.SidecarCommand;
import picocli.CommandLine;

/** Entry point of devws-sidecar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int bridged = FastPath.tryBridge(args);
        if (bridged >= 0) {
            System.exit(bridged);
        }
        if (Boolean.getBoolean(FastPath.BRIDGE_ONLY)) {
            System.exit(FastPath.NO_DAEMON); // the launcher retries with the full class path
        }
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SidecarCommand());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            System.err.println("devws-sidecar: " + oneLine(e));
            return 1;
        });
        // usage errors and help never go to stdout, which may be an SSH stream
        cl.setOut(new java.io.PrintWriter(System.err, true));
        return cl;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.toString() : m;
    }
}
