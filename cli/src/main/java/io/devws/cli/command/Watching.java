package io.devws.cli.command;

import io.devws.cli.error.DevwsException;
import io.devws.cli.error.ExitCode;
import java.io.PrintWriter;

/** What {@code list -w} and {@code status -w} share. */
final class Watching {
    private Watching() {
    }

    static void refuseLocal(ScopeOptions scope) {
        if (scope.watch || scope.allNamespaces) {
            throw new DevwsException("--watch and --all-namespaces need a cluster: drop them for --local", ExitCode.USAGE);
        }
    }

    /** Each change at once: the user watches it happen. */
    static void print(PrintWriter out, String text) {
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }
}
