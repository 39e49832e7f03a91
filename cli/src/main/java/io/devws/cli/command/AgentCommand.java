package io.devws.cli.command;

import io.devws.cli.agent.AgentClient;
import io.devws.cli.agent.AgentPaths;
import io.devws.cli.agent.AgentServer;
import io.devws.model.Durations;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code devws agent status|stop|run}: the per-user tunnel agent behind the ProxyCommand. */
@Command(name = "agent", description = {
        "The local tunnel agent: `devws ssh --stdio` hands each connection to it, so ssh skips a JVM start.",
        "It starts on demand and exits when idle. DEVWS_AGENT=off makes every ProxyCommand work in-process."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  devws agent status                      # is it running, its pid, connections, warm clients",
            "  devws agent stop                        # stop it (open sessions finish first)",
            "  DEVWS_AGENT=off ssh ws.devws            # one connection without it"},
        subcommands = {AgentCommand.Status.class, AgentCommand.Stop.class, AgentCommand.Run.class})
public final class AgentCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: status, stop or run");
    }

    @Command(name = "status", description = "Show whether the agent runs, its pid, connections and warm clients.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            return AgentClient.control("status", System.out);
        }
    }

    @Command(name = "stop", description = "Stop the agent (open sessions finish first).")
    static final class Stop implements Callable<Integer> {
        @Override
        public Integer call() {
            return AgentClient.control("stop", System.out);
        }
    }

    @Command(name = "run", description = "Run the agent in the foreground (ssh starts it on demand).")
    static final class Run implements Callable<Integer> {
        @Option(names = "--idle", defaultValue = "${env:DEVWS_AGENT_IDLE:-10m}", paramLabel = "DURATION",
                description = "Exit after this long without connections (default: ${DEFAULT-VALUE}; env DEVWS_AGENT_IDLE).")
        String idle;

        @Override
        public Integer call() throws IOException {
            new AgentServer(AgentPaths.current(), Durations.parse(idle), SshCommand::stdioTarget).run();
            return 0;
        }
    }
}
