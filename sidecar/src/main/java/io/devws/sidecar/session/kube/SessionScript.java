package io.devws.sidecar.session.kube;

import io.devws.sidecar.session.ProcessSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small {@code sh -c} wrappers the kube executor runs in the dev container (pure: no I/O).
 * The exec API has no environment or working directory of its own, so a session runs
 * {@code /bin/sh -c SESSION devws-session MODE ID FILE}: FILE, in the volume both containers share, holds
 * {@code set -- DIR N K=V... [COMMAND]} ({@link #settings}); the wrapper reads and deletes it, exports the
 * variables, changes directory, finds the user's login shell in {@code /etc/passwd} and {@code exec}s it, so
 * the session's process is the user's shell itself. The client's variables and command never travel in the
 * exec URL, which API servers write to their audit logs. Every session process carries
 * {@code DEVWS_SESSION=ID}, which is how {@link #signal} finds it later.
 */
public final class SessionScript {
    /** Environment variable marking every process of one session. */
    public static final String SESSION_VARIABLE = "DEVWS_SESSION";
    /** Environment variable of a session's stdin relay only. */
    static final String RELAY_VARIABLE = "DEVWS_STDIN_RELAY";
    /** Environment variable of the process that drains a session's stdin once its command stopped reading. */
    static final String DRAIN_VARIABLE = "DEVWS_STDIN_DRAIN";

    static final String SESSION = String.join("\n",
            "mode=$1; id=$2; f=$3",
            "if [ -r \"$f\" ]; then . \"$f\"; rm -f \"$f\"; else echo \"devws: the session's settings are gone ($f)\" >&2; exit 255; fi",
            "dir=$1; n=$2; shift 2",
            "while [ \"$n\" -gt 0 ]; do export \"$1\"; shift; n=$((n - 1)); done",
            "export " + SESSION_VARIABLE + "=\"$id\"",
            "uid=$(id -u 2>/dev/null); s=",
            "while IFS=: read -r _n _p _u _g _c _h _s; do",
            "  if [ \"$_u\" = \"$uid\" ]; then s=$_s; break; fi",
            "done < /etc/passwd 2>/dev/null",
            "case \"$s\" in */nologin|*/false|'') s= ;; esac",
            "[ -n \"$s\" ] && [ -x \"$s\" ] || s=${SHELL:-/bin/sh}",
            "[ -x \"$s\" ] || s=/bin/sh",
            "export SHELL=\"$s\"",
            "[ -n \"$HOME\" ] || export HOME=/",
            "if [ -n \"$dir\" ] && cd \"$dir\" 2>/dev/null; then :; else cd \"$HOME\" 2>/dev/null || cd /; fi",
            "if [ \"$mode\" = pty-shell ] || [ \"$mode\" = pty-exec ]; then",
            "  SSH_TTY=$(tty 2>/dev/null) && export SSH_TTY",
            // the terminal size arrives on the resize channel just after the exec opens: wait up to 1 s for it
            "  i=0; while [ \"$(stty size 2>/dev/null)\" = '0 0' ] && [ $i -lt 20 ]; do sleep 0.05; i=$((i + 1)); done",
            "fi",
            // without a PTY, stdin goes through a relay (cat into a FIFO): its EOF is the exec's stdin
            // half-close (SPDY, WebSocket v5), or on WebSocket v4, which has none (docs/kubernetes-quirks.md), STDIN_EOF
            "case \"$mode\" in pty-*) ;; *)",
            "  f=${TMPDIR:-/tmp}/devws-stdin-$id",
            "  if mkfifo -m 600 \"$f\" 2>/dev/null; then",
            // fd 4: a background job's stdin would be /dev/null; no stderr: a process holding the
            // exec's output open would keep the exec from ending
            "    exec 4<&0",
            // (...&): not a child of the user's shell, whose `wait` must not wait for it
            // once the relay ends (the command exited, so the FIFO broke, or STDIN_EOF ended it), the exec's
            // stdin is drained: containerd sends the exit status only after its stdin copy ends, and a stdin
            // that nobody reads blocks that copy for good (`ssh ws 'head -c 1M' < big` hung, as kubectl does)
            "    ( (" + RELAY_VARIABLE + "=\"$id\" cat <&4 > \"$f\"; export " + DRAIN_VARIABLE + "=\"$id\"; exec cat <&4 4<&-)"
                    + " >/dev/null 2>&1 &)",
            "    exec 3<\"$f\"; rm -f \"$f\"; exec 0<&3 3<&- 4<&-",
            "  fi ;;",
            "esac",
            "case \"$mode\" in *-shell|shell) exec \"$s\" -l ;; esac",
            "c=$1; shift",
            "exec \"$s\" -c \"$c\"");

    /**
     * Ends a session's stdin relay once it has passed on {@code N} bytes (its {@code wchar} in
     * {@code /proc/PID/io}), so the command reads all of them and then EOF. N = 0 ends it at once.
     * The relay may not exist yet: this exec can overtake the session's own wrapper, which starts
     * the relay only after its set-up. So it waits up to {@code W} seconds for the relay, leaving a
     * {@code .wait} marker; the clean-up after the command exited (W = 0) answers a waiting one with
     * a {@code .done} marker, so a short command (EOF and exit at once) costs no wait.
     */
    static final String STDIN_EOF = String.join("\n",
            "id=$1; n=$2; w=$3; i=0; m=${TMPDIR:-/tmp}/devws-stdin-$id",
            // the pids whose environment holds VARIABLE=ID: one grep over every environ file per look
            "marked() { grep -l -F \"$1=$id\" /proc/[0-9]*/environ 2>/dev/null | sed 's|^/proc/||; s|/environ$||'; }",
            "relay() { p=$(marked " + RELAY_VARIABLE + " | head -n 1); }",
            "relay",
            "if [ \"$w\" -eq 0 ]; then",
            "  [ -n \"$p\" ] && kill \"$p\" 2>/dev/null",
            // the exec has ended: its stdin needs no draining any more
            "  kill $(marked " + DRAIN_VARIABLE + ") 2>/dev/null",
            "  [ -e \"$m.wait\" ] && : > \"$m.done\"",
            "  exit 0",
            "fi",
            "if [ -z \"$p\" ]; then",
            "  : > \"$m.wait\" 2>/dev/null",
            "  while [ -z \"$p\" ] && [ $i -lt $((w * 10)) ] && [ ! -e \"$m.done\" ]; do sleep 0.1; i=$((i + 1)); relay; done",
            "  rm -f \"$m.wait\" \"$m.done\"",
            "  [ -n \"$p\" ] || exit 0",
            "fi",
            "while [ \"$n\" -gt 0 ] && [ -d \"/proc/$p\" ]; do",
            "  v=$(sed -n 's/^wchar: //p' \"/proc/$p/io\" 2>/dev/null)",
            "  if [ -z \"$v\" ]; then sleep 1; break; fi",
            "  [ \"$v\" -ge \"$n\" ] && break",
            "  sleep 0.05",
            "done",
            "kill \"$p\" 2>/dev/null; exit 0");

    /**
     * Sends a signal to the session's root process: the one with {@code DEVWS_SESSION=ID} whose
     * parent lacks it (the user's shell, or the command it became). Needs sh, tr, grep, sed and
     * kill in the dev image, and the same user as the session.
     */
    static final String SIGNAL = String.join("\n",
            "id=$1; sig=$2; found=1",
            "has() { tr '\\0' '\\n' < \"/proc/$1/environ\" 2>/dev/null | grep -qx \"" + SESSION_VARIABLE + "=$id\"; }",
            "for d in /proc/[0-9]*; do",
            "  p=${d#/proc/}",
            "  has \"$p\" || continue",
            "  pp=$(sed -n 's/^PPid:[[:space:]]*//p' \"$d/status\" 2>/dev/null)",
            "  has \"$pp\" && continue",
            "  kill -s \"$sig\" \"$p\" 2>/dev/null && found=0",
            "done",
            "exit $found");

    private SessionScript() {
    }

    /** The exec command that runs session {@code id} of {@code spec}, whose {@link #settings} are in {@code file}. */
    public static List<String> session(ProcessSpec spec, String id, String file) {
        String mode = (spec.pty() != null ? "pty-" : "") + (spec.interactiveShell() ? "shell" : "exec");
        return List.of("/bin/sh", "-c", SESSION, "devws-session", mode, id, file);
    }

    /**
     * The session's settings as one {@code set --} line for the wrapper to source: working directory, the number
     * of variables, the variables (sorted) and the command, each single-quoted.
     */
    public static String settings(ProcessSpec spec) {
        List<String> args = new ArrayList<>();
        args.add(spec.workdir() == null ? "" : spec.workdir());
        List<String> variables = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(spec.env()).entrySet()) {
            if (validName(e.getKey())) {
                variables.add(e.getKey() + "=" + e.getValue());
            }
        }
        args.add(Integer.toString(variables.size()));
        args.addAll(variables);
        if (!spec.interactiveShell()) {
            args.add(spec.command());
        }
        StringBuilder line = new StringBuilder("set --");
        for (String a : args) {
            line.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        return line.append('\n').toString();
    }

    /** The exec command that delivers signal {@code name} (SSH name: INT, TERM, HUP, KILL, ...) to session {@code id}. */
    public static List<String> signal(String id, String name) {
        if (!name.matches("[A-Z0-9]+")) {
            throw new IllegalArgumentException("not a signal name: " + name);
        }
        return List.of("/bin/sh", "-c", SIGNAL, "devws-signal", id, name);
    }

    /**
     * The exec command that ends session {@code id}'s stdin after {@code bytes} bytes, waiting up to
     * {@code waitSeconds} for its relay to start (see {@link #STDIN_EOF}).
     */
    public static List<String> stdinEof(String id, long bytes, int waitSeconds) {
        return List.of("/bin/sh", "-c", STDIN_EOF, "devws-stdin-eof", id, Long.toString(bytes), Integer.toString(waitSeconds));
    }

    /** Shell variable names only: anything else could not be exported and is dropped, as sshd drops it. */
    static boolean validName(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*");
    }
}
