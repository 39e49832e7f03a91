package io.devws.sidecar.session;

import io.devws.transport.io.Pump;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionAware;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one MINA {@link Command} for {@code shell} and {@code exec}, whatever executor runs the
 * process: pumps the channel's streams to the {@link SessionProcess}, follows window-change and
 * signal requests, and reports exit-status, or exit-signal alone when a signal killed the process.
 */
public final class SessionCommand implements Command, ChannelSessionAware {
    private static final Logger LOG = LoggerFactory.getLogger(SessionCommand.class);
    private static final long DRAIN_MILLIS = 5000;

    private final SessionExecutor executor;
    private final String command;
    private final String workdir;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exitCallback;
    private final SerialTasks control = new SerialTasks();
    private volatile SessionProcess process;
    private volatile boolean destroyed;

    /** @param command the exec command line, or {@code null} for an interactive shell */
    public SessionCommand(SessionExecutor executor, String command, String workdir) {
        this.executor = executor;
        this.command = command;
        this.workdir = workdir;
    }

    /**
     * Returns at once: the process starts on this session's {@link SerialTasks}, so a slow or failing start (an
     * exec the API server answers late, or with 403/429) holds up no other channel of the connection. A start
     * that fails ends this channel alone: one line on its stderr, exit status 255.
     */
    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ProcessSpec spec = SessionSpecs.of(command, env.getEnv(), env.getPtyModes(), channel.getSession().getClientAddress(),
                channel.getSession().getLocalAddress(), workdir);
        env.addSignalListener((ch, signal) -> {
            if (signal == Signal.WINCH && process != null) {
                // at once, on the thread that read the request: the keystrokes after a window-change must not reach
                // the terminal before its new size (sshd orders them the same way); the size is read from env when
                // applied, so a change still queued behind the start cannot undo a newer one
                onSignal(env, signal);
            } else {
                control.submit(() -> onSignal(env, signal));
            }
        });
        control.submit(() -> launch(channel, spec));
    }

    private void launch(ChannelSession channel, ProcessSpec spec) {
        if (destroyed) {
            return;
        }
        SessionProcess p;
        try {
            p = executor.start(spec);
        } catch (IOException | RuntimeException e) {
            LOG.warn("session did not start: {}", e.toString());
            refuse(channel, e);
            return;
        }
        process = p;
        if (destroyed) {
            p.destroy();
            return;
        }
        // closing a PTY's input would hang up the terminal: EOF from the client only ends pipe input
        pump("stdin", in, p.stdin(), spec.pty() == null, p);
        Thread stdout = pump("stdout", p.stdout(), out, false, p);
        Thread stderr = pump("stderr", p.stderr(), err, false, p);
        p.onExit().whenComplete((status, failure) -> {
            join(stdout);
            join(stderr);
            // ends the stdin pump where it waits for the client: closing its input, not interrupting the thread
            // (an interrupt during a blocking socket write, a window adjust it sends, closed the connection);
            // client input that still arrives is dropped (SessionInput)
            close(in);
            finish(channel, failure == null ? status : SessionProcess.ExitStatus.exited(255));
        });
    }

    private void refuse(ChannelSession channel, Exception e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        try {
            err.write(("devws: the session could not start: " + why.strip() + "\r\n").getBytes(StandardCharsets.UTF_8));
            err.flush();
        } catch (IOException gone) {
            LOG.debug("channel gone before the refusal: {}", gone.toString());
        }
        finish(channel, SessionProcess.ExitStatus.exited(255));
    }

    private void onSignal(Environment env, Signal signal) {
        SessionProcess p = process;
        if (p == null) {
            return; // the start failed, or the channel closed first
        }
        if (signal == Signal.WINCH) {
            p.resize(intOf(env.getEnv().get(Environment.ENV_COLUMNS)), intOf(env.getEnv().get(Environment.ENV_LINES)));
        } else if (!p.signal(signal.name())) {
            LOG.info("signal {} cannot be delivered by this executor", signal.name());
        }
    }

    /**
     * Reports the end as OpenSSH's sshd does: exit-status (or exit-signal alone, after which the ssh client exits
     * 255), then EOF, then CLOSE. Not through MINA's exit callback: that sends EOF first and the exit status after
     * it, and a client whose own input has ended answers the EOF with CLOSE at once; MINA then discards the exit
     * status, and the client exits 255 (about one {@code ssh ws true} in seven over a shared connection:
     * docs/benchmarks.md, "Floors in CI").
     */
    private void finish(ChannelSession channel, SessionProcess.ExitStatus status) {
        try {
            out.flush();
            err.flush();
            if (status.signal() != null) {
                sendExitSignal(channel, status.signal());
            } else {
                sendExitStatus(channel, status.code());
            }
            out.close(); // EOF
            channel.close(false);
            return;
        } catch (IOException e) {
            LOG.debug("channel gone before exit status: {}", e.toString());
        }
        exitCallback.onExit(status.code());
    }

    /** RFC 4254 §6.10: the exit status, no reply wanted. */
    private static void sendExitStatus(ChannelSession channel, int code) throws IOException {
        Buffer b = exitRequest(channel, "exit-status");
        b.putUInt(code & 0xFFFFFFFFL);
        channel.writePacket(b);
    }

    /** RFC 4254 §6.10: the signal's name, no core dump, no message. */
    private static void sendExitSignal(ChannelSession channel, String signal) throws IOException {
        Buffer b = exitRequest(channel, "exit-signal");
        b.putString(signal);
        b.putBoolean(false);
        b.putString("");
        b.putString("");
        channel.writePacket(b);
    }

    private static Buffer exitRequest(ChannelSession channel, String type) {
        Buffer b = channel.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST);
        b.putUInt(channel.getRecipient());
        b.putString(type);
        b.putBoolean(false);
        return b;
    }

    /**
     * Copies one stream of the session on its own thread. An I/O error is one side going away;
     * anything else (out of memory, a bug) would leave the session half-dead, with the client
     * waiting for bytes that never come: the session is then hung up, so the client sees its end.
     */
    private Thread pump(String name, InputStream from, OutputStream to, boolean closeTarget, SessionProcess p) {
        return Pump.start("devws-session-" + name, () -> {
            try {
                Pump.copy(from, to);
            } catch (IOException e) {
                LOG.debug("{} pump ended: {}", name, e.toString());
            } catch (RuntimeException | Error e) {
                LOG.warn("{} pump failed, hanging up the session: {}", name, e.toString());
                p.destroy();
            } finally {
                if (closeTarget) {
                    close(to);
                }
            }
        });
    }

    private static void join(Thread t) {
        try {
            t.join(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Closeable s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static int intOf(String v) {
        try {
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Called when the channel closes. Every executor's {@code destroy} only starts the hang-up (a signal, a
     * socket close), so it runs here at once: a JVM that exits next (daemon stopped, in-process server done)
     * has still hung the session up. Waiting for the process to end happens only when the whole connection is
     * closing: while it lives, this is its reader thread, which serves the other channels.
     */
    @Override
    public void destroy(ChannelSession channel) {
        destroyed = true;
        SessionProcess p = process;
        if (p == null) {
            return; // still starting: launch() hangs it up once started
        }
        p.destroy();
        if (!channel.getSession().isOpen()) {
            try {
                p.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // best effort: the process was told to end
            }
        }
    }

    /** MINA calls this before it sets up the streams: with a receiver in place it makes no pipe of its own. */
    @Override
    public void setChannelSession(ChannelSession channel) {
        SessionInput input = new SessionInput(channel);
        channel.setDataReceiver(input);
        this.in = input.getIn();
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in; // only if MINA made the pipe after all
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exitCallback = callback;
    }
}
