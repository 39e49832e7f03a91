package io.devws.sidecar.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "version", description = "Print the version.")
public final class VersionCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("devws-sidecar " + Version.get());
        return 0;
    }
}
