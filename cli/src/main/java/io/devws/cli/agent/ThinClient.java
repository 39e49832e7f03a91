package io.devws.cli.agent;

import io.devws.cli.tunnel.ConnectSettings;
import io.devws.transport.stream.ChannelStreams;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * The ProxyCommand when an agent runs: hands {@code devws ssh --stdio ...} with its stdio to the
 * user's tunnel agent and relays bytes both ways. JDK classes only (the launcher runs it with a
 * class path of two jars and its own class-data archive). Whenever the agent is absent, of
 * another build or silent, it exits {@link AgentProtocol#EXIT_FALLBACK} before reading any stdin,
 * and the launcher runs the in-process ProxyCommand instead.
 */
public final class ThinClient {
    /** How long a live agent may take to accept; past it the in-process path is faster anyway. */
    static final long HANDSHAKE_MS = Long.getLong("devws.agent.handshakeMs", 2_000);
    private static final int BUFFER = 64 * 1024;
    private static volatile boolean accepted;
    /** How long the client lingers after the exit for ssh's last write (see lingerForSshsGoodbye). */
    static final long LINGER_MS = 2_000;
    private static final java.util.concurrent.CountDownLatch STDIN_DONE = new java.util.concurrent.CountDownLatch(1);

    private ThinClient() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (AgentPaths.disabled()) {
            return AgentProtocol.EXIT_FALLBACK;
        }
        Path socket = AgentPaths.current().socket();
        SocketChannel ch;
        try {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            return AgentProtocol.EXIT_FALLBACK; // none, stale or not ours: the in-process path starts a fresh one
        }
        watchHandshake();
        try {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(ChannelStreams.out(ch), 4096));
            new AgentProtocol.Request(AgentProtocol.identity(), System.getProperty("user.dir"), System.getenv("KUBECONFIG"),
                    System.getenv("HOME"), System.getenv(ConnectSettings.START_ON_CONNECT), ConnectSettings.stderrIsTerminal(),
                    List.of(args)).write(out);
            DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.in(ch), BUFFER));
            byte reply = in.readByte();
            if (reply != AgentProtocol.ACCEPT) {
                return AgentProtocol.EXIT_FALLBACK;
            }
            accepted = true;
            pumpStdin(ch);
            return relay(in);
        } catch (IOException e) {
            if (!accepted) {
                return AgentProtocol.EXIT_FALLBACK;
            }
            return agentLost(e.getMessage());
        }
    }

    /** The agent's frames to stdout and stderr, until its EXIT frame; its code is this process's. */
    private static int relay(DataInputStream in) throws IOException {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        OutputStream stderr = new FileOutputStream(FileDescriptor.err);
        byte[] buf = new byte[BUFFER];
        while (true) {
            byte type;
            try {
                type = in.readByte();
            } catch (EOFException e) {
                return agentLost("it closed the connection");
            }
            int len = in.readInt();
            if (type == AgentProtocol.EXIT) {
                if (len == 0) {
                    lingerForSshsGoodbye(stdout);
                }
                return len;
            }
            if (len < 0 || len > buf.length) {
                return agentLost("bad frame length " + len);
            }
            in.readFully(buf, 0, len);
            try {
                (type == AgentProtocol.STDERR ? stderr : stdout).write(buf, 0, len);
            } catch (IOException e) {
                return 0; // ssh closed our stdout: it has what it wanted and is ending
            }
        }
    }

    /**
     * ssh writes its SSH_MSG_DISCONNECT after the session ended; if this process has exited by then,
     * that write fails with EPIPE and ssh exits 255 ("client_loop: send disconnect: Broken pipe")
     * although the command succeeded. So: stdout closed now, stdin kept open and drained until ssh
     * closes it, for at most {@link #LINGER_MS}. Only after a clean end: on a failed tunnel (exit 255)
     * ssh has no session to say goodbye to, and it sees the end only when this process exits (the
     * launcher's shell holds the same stdout), so lingering would only delay ssh's exit by 2 s.
     */
    private static void lingerForSshsGoodbye(OutputStream stdout) {
        try {
            stdout.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            STDIN_DONE.await(LINGER_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int agentLost(String why) {
        System.err.println("devws: the local tunnel agent stopped during the session (" + why
                + "): reconnect (a new agent starts on demand; DEVWS_AGENT=off works without one)");
        return 255;
    }

    /** Stdin to the agent; stdin's EOF (ssh is done sending) becomes a write shutdown. */
    private static void pumpStdin(SocketChannel ch) {
        Thread t = new Thread(() -> {
            InputStream stdin = new FileInputStream(FileDescriptor.in);
            OutputStream up = ChannelStreams.out(ch);
            byte[] buf = new byte[BUFFER];
            boolean agentOpen = true;
            try {
                int n;
                while ((n = stdin.read(buf)) >= 0) {
                    if (agentOpen) {
                        try {
                            up.write(buf, 0, n);
                        } catch (IOException e) {
                            agentOpen = false; // the agent's side ended (the relay reports how); keep draining ssh
                        }
                    }
                }
                if (agentOpen) {
                    ch.shutdownOutput();
                }
            } catch (IOException e) {
                // stdin broke: ssh is gone
            } finally {
                STDIN_DONE.countDown();
            }
        }, "devws-stdin");
        t.setDaemon(true);
        t.start();
    }

    /** A hung agent (accepting, never answering) must not hang ssh: fall back before any stdin was read. */
    private static void watchHandshake() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(HANDSHAKE_MS);
            } catch (InterruptedException e) {
                return;
            }
            if (!accepted) {
                Runtime.getRuntime().halt(AgentProtocol.EXIT_FALLBACK);
            }
        }, "devws-handshake");
        t.setDaemon(true);
        t.start();
    }
}
