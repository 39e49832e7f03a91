package io.devws.sidecar.session;

import java.util.Map;

/**
 * What to run for one session.
 *
 * @param command    the exec request's command line as the client sent it, run by the user's
 *                   shell ({@code $SHELL -c command}); {@code null} for an interactive login shell
 * @param env        variables from {@code env} requests plus SSH_CONNECTION, SSH_CLIENT,
 *                   SSH_AUTH_SOCK, SSH_TTY, TERM ...
 * @param workdir    working directory, or {@code null} for the executor's default (home)
 * @param pty        terminal size when the client asked for a PTY, else {@code null}
 */
public record ProcessSpec(String command, Map<String, String> env, String workdir, PtySize pty) {
    public ProcessSpec {
        env = Map.copyOf(env);
    }

    public boolean interactiveShell() {
        return command == null;
    }

    /**
     * Columns × rows; a 0 from {@code ssh -tt} without a local terminal means 80×24 (docs/kubernetes-quirks.md).
     * {@code modes}: the pty-req's RFC 4254 §8 terminal modes (opcode → value), for executors that apply them.
     */
    public record PtySize(int columns, int rows, Map<Integer, Integer> modes) {
        public PtySize {
            columns = columns <= 0 ? 80 : columns;
            rows = rows <= 0 ? 24 : rows;
            modes = Map.copyOf(modes);
        }

        public PtySize(int columns, int rows) {
            this(columns, rows, Map.of());
        }
    }
}
