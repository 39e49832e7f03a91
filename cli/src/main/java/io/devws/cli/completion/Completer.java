package io.devws.cli.completion;

import io.devws.cli.workspace.KubeOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Completes the last of a command line's words from the command model (subcommands, flags, enum values) and
 * from live names (workspaces, namespaces, contexts). The answer is in cobra's protocol, which kubectl's plugin
 * completion ({@code kubectl_complete-devws}) and the shell scripts read: one candidate a line, then
 * {@code :DIRECTIVE} ({@value #NO_FILES}: no file names; {@value #FILES}: the shell may offer files).
 */
public final class Completer {
    /** The hidden command the scripts call: {@code devws __complete WORD...}. */
    public static final String COMMAND = "__complete";
    public static final int FILES = 0;
    public static final int NO_FILES = 4;
    /** Subcommands whose first positional parameter is a workspace name. */
    private static final Set<String> WORKSPACE_FIRST = Set.of("up", "start", "stop", "delete", "status", "logs", "doctor", "ssh", "code", "open");
    private static final List<String> OUTPUTS = List.of("wide", "name", "json", "yaml", "jsonpath=");

    private final CommandSpec root;
    private final Candidates candidates;

    public Completer(CommandSpec root, Candidates candidates) {
        this.root = root;
        this.candidates = candidates;
    }

    /** The completer of the devws command line, with names from the cluster. */
    public static Completer forDevws() {
        return new Completer(io.devws.cli.command.DevwsCommand.commandLine().getCommandSpec(), new LiveCandidates());
    }

    /** The candidates for the last word (possibly empty) after the ones before it, in cobra's output format. */
    public String complete(List<String> words) {
        List<String> before = words.isEmpty() ? List.of() : words.subList(0, words.size() - 1);
        String current = words.isEmpty() ? "" : words.get(words.size() - 1);
        State state = scan(before);
        List<String> found = new ArrayList<>();
        int directive = NO_FILES;
        if (state.pendingOption != null) {
            directive = values(state, state.pendingOption, found);
        } else if (current.startsWith("-")) {
            found.addAll(optionNames(state.command));
        } else if (state.command == root) {
            root.subcommands().forEach((name, sub) -> {
                if (!sub.getCommandSpec().usageMessage().hidden()) {
                    found.add(name);
                }
            });
        } else if (state.positionals == 0 && WORKSPACE_FIRST.contains(state.command.name())) {
            found.addAll(candidates.workspaces(state.kube, state.local));
        }
        StringBuilder out = new StringBuilder();
        new LinkedHashSet<>(found).stream().filter(c -> c.startsWith(current)).forEach(c -> out.append(c).append('\n'));
        return out.append(':').append(directive).append('\n').toString();
    }

    private int values(State state, OptionSpec option, List<String> found) {
        String name = option.longestName();
        switch (name) {
            case "--context" -> found.addAll(candidates.contexts(state.kube));
            case "--namespace" -> found.addAll(candidates.namespaces(state.kube));
            case "--output" -> found.addAll(option.completionCandidates() != null ? list(option.completionCandidates()) : OUTPUTS);
            default -> {
                if (option.completionCandidates() != null) {
                    found.addAll(list(option.completionCandidates()));
                } else if (option.type() == java.nio.file.Path.class || name.equals("--kubeconfig")) {
                    return FILES;
                }
            }
        }
        return NO_FILES;
    }

    private static List<String> list(Iterable<String> values) {
        List<String> out = new ArrayList<>();
        values.forEach(out::add);
        return out;
    }

    private static List<String> optionNames(CommandSpec command) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : command.options()) {
            if (!option.hidden()) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }

    /** Where the words before the current one leave us. */
    private static final class State {
        CommandSpec command;
        OptionSpec pendingOption;
        int positionals;
        boolean local;
        final KubeOptions kube = new KubeOptions();
    }

    private State scan(List<String> words) {
        State state = new State();
        state.command = root;
        for (String word : words) {
            if (state.pendingOption != null) {
                remember(state, state.pendingOption, word);
                state.pendingOption = null;
                continue;
            }
            if (word.startsWith("-") && word.length() > 1) {
                int eq = word.indexOf('=');
                OptionSpec option = state.command.findOption(eq > 0 ? word.substring(0, eq) : word);
                if (option == null) {
                    continue;
                }
                if (option.longestName().equals("--local")) {
                    state.local = true;
                } else if (option.arity().max() > 0 && !option.type().equals(boolean.class)) {
                    if (eq > 0) {
                        remember(state, option, word.substring(eq + 1));
                    } else {
                        state.pendingOption = option;
                    }
                }
                continue;
            }
            if (state.command == root && root.subcommands().containsKey(word)) {
                state.command = root.subcommands().get(word).getCommandSpec();
            } else {
                state.positionals++;
            }
        }
        return state;
    }

    private static void remember(State state, OptionSpec option, String value) {
        switch (option.longestName()) {
            case "--kubeconfig" -> state.kube.kubeconfig = value;
            case "--context" -> state.kube.context = value;
            case "--namespace" -> state.kube.namespace = value;
            default -> {
            }
        }
    }
}
