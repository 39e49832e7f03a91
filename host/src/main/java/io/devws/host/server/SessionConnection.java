package io.devws.host.server;

import io.devws.host.os.Child;
import io.devws.host.os.Fd;
import io.devws.host.os.LibC;
import io.devws.host.os.Signals;
import io.devws.host.os.Spawner;
import io.devws.host.protocol.ExitInfo;
import io.devws.host.protocol.Frames;
import io.devws.host.protocol.Frames.Frame;
import io.devws.host.protocol.Payloads;
import io.devws.host.protocol.StartRequest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.FileDescriptorCast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session on one connection: hello, start, then stdin/resize/signal frames in, output and the
 * exit out; or, for a piped start, the child's own pipes handed to the daemon with STARTED, then only
 * signals in and the exit out (the bytes never pass through here). When the connection ends, the
 * session's process group gets SIGHUP (as a hung-up terminal would), and SIGKILL if any member still
 * runs a moment later: nothing is left behind (a process meant to outlive its session starts its own
 * with setsid).
 */
final class SessionConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionConnection.class);
    private static final long DRAIN_MILLIS = 2000;
    private static final long KILL_AFTER_MILLIS = 1000;
    private static final byte[] EOF = new byte[0];

    private final AFUNIXSocket socket;
    private final SessionEnvironment environment;
    private final SocketForwarding forwarding;
    private final SessionRegistry registry;
    private DataOutputStream out;
    private volatile boolean exitSent;

    SessionConnection(AFUNIXSocket socket, SessionEnvironment environment, SocketForwarding forwarding, SessionRegistry registry) {
        this.socket = socket;
        this.environment = environment;
        this.forwarding = forwarding;
        this.registry = registry;
    }

    @Override
    public void run() {
        Child child = null;
        Thread[] pumps = new Thread[0];
        try (socket) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
            Frame hello = Frames.read(in);
            if (hello == null) {
                return;
            }
            if (hello.type() != Frames.HELLO) {
                throw new IOException("expected a hello, got frame type " + hello.type());
            }
            int version = Payloads.helloVersion(hello.payload());
            Frames.write(out, Frames.HELLO, Payloads.hello());
            if (version != Frames.VERSION) {
                Frames.write(out, Frames.ERROR, Payloads.utf("protocol version " + version + " not supported, this host speaks "
                        + Frames.VERSION));
                return;
            }
            Frame start = Frames.read(in);
            if (start == null) {
                return; // a ping: hello only
            }
            switch (start.type()) {
                case Frames.START, Frames.START_PIPED -> {
                    // a session: below
                }
                case Frames.CONNECT -> {
                    forwarding.connect(Payloads.utf(start.payload()), in, out);
                    return;
                }
                case Frames.LISTEN -> {
                    forwarding.listen(Payloads.utf(start.payload()), in, out);
                    return;
                }
                case Frames.PICKUP -> {
                    forwarding.pickup(Payloads.u32(start.payload()), in, out);
                    return;
                }
                default -> throw new IOException("expected a start, got frame type " + start.type());
            }
            StartRequest request = StartRequest.decode(start.payload());
            boolean piped = start.type() == Frames.START_PIPED;
            if (piped && request.pty()) {
                Frames.write(out, Frames.ERROR, Payloads.utf("a piped session has no terminal: start it with START"));
                return;
            }
            try {
                child = spawn(request);
                registry.add(child.pid());
            } catch (IOException e) {
                Frames.write(out, Frames.ERROR, Payloads.utf(e.getMessage()));
                return;
            }
            if (piped) {
                handOver(child);
                runPiped(child, in);
            } else {
                Frames.write(out, Frames.STARTED, Payloads.started(child.pid(), child.tty()));
                pumps = run(child, in);
            }
        } catch (IOException e) {
            LOG.debug("session connection ended: {}", e.toString());
        } finally {
            if (child != null) {
                cleanUp(child, pumps);
                registry.remove(child.pid());
            }
        }
    }

    private Child spawn(StartRequest r) throws IOException {
        Spawner.Tty tty = r.pty() ? new Spawner.Tty(r.columns(), r.rows(), r.modes()) : null;
        return Spawner.spawn(environment.program(r), environment.argv(r), environment.env(r), environment.directory(r), tty);
    }

    /** Runs the session until the connection ends; returns the output pumps for clean-up. */
    private Thread[] run(Child child, DataInputStream in) throws IOException {
        BlockingQueue<byte[]> stdin = new LinkedBlockingQueue<>();
        Thread writer = thread("stdin", () -> writeStdin(child, stdin));
        Thread stdout = thread("stdout", () -> pump(Fd.in(child.stdout()), Frames.STDOUT));
        Thread stderr = child.hasTty() ? null : thread("stderr", () -> pump(Fd.in(child.stderr()), Frames.STDERR));
        thread("wait", () -> {
            ExitInfo exit = child.waitFor();
            join(stdout, DRAIN_MILLIS);
            if (stderr != null) {
                join(stderr, DRAIN_MILLIS);
            }
            sendExit(exit);
        });
        try {
            Frame f;
            while ((f = Frames.read(in)) != null) {
                switch (f.type()) {
                    case Frames.STDIN -> stdin.add(f.payload());
                    case Frames.STDIN_EOF -> stdin.add(EOF);
                    case Frames.RESIZE -> {
                        int[] size = Payloads.resize(f.payload());
                        child.resize(size[0], size[1]);
                    }
                    case Frames.SIGNAL -> signal(child, f);
                    default -> throw new IOException("unexpected frame type " + f.type());
                }
            }
        } finally {
            writer.interrupt();
        }
        return stderr == null ? new Thread[] {stdout, writer} : new Thread[] {stdout, stderr, writer};
    }

    /**
     * Sends STARTED with the child's stdin, stdout and stderr attached and closes this side's copies: from now on
     * the daemon alone writes the child's input (its close is the child's EOF) and reads its output.
     */
    private void handOver(Child child) throws IOException {
        int[] fds = child.detachPipes();
        try {
            FileDescriptor[] passed = new FileDescriptor[fds.length];
            for (int i = 0; i < fds.length; i++) {
                passed[i] = FileDescriptorCast.unsafeUsing(fds[i]).getFileDescriptor();
            }
            synchronized (out) {
                socket.setOutboundFileDescriptors(passed);
                Frames.write(out, Frames.STARTED, Payloads.started(child.pid(), child.tty()));
            }
        } finally {
            for (int fd : fds) {
                LibC.INSTANCE.close(fd);
            }
        }
    }

    /** A piped session until the connection ends: the exit goes out as soon as the leader ends, signals come in. */
    private void runPiped(Child child, DataInputStream in) throws IOException {
        thread("wait", () -> sendExit(child.waitFor()));
        Frame f;
        while ((f = Frames.read(in)) != null) {
            switch (f.type()) {
                case Frames.SIGNAL -> signal(child, f);
                case Frames.RESIZE -> {
                    // no terminal to resize
                }
                default -> throw new IOException("unexpected frame type " + f.type() + " in a piped session");
            }
        }
    }

    private static void signal(Child child, Frame f) throws IOException {
        int n = Signals.number(Payloads.utf(f.payload()));
        if (n > 0) {
            child.signalGroup(n);
        }
    }

    private void writeStdin(Child child, BlockingQueue<byte[]> queue) {
        OutputStream to = Fd.out(child.stdin());
        boolean open = true;
        try {
            while (true) {
                byte[] chunk = queue.take();
                if (chunk == EOF) {
                    child.closeStdin();
                    open = false;
                    continue;
                }
                if (open) {
                    try {
                        to.write(chunk, 0, chunk.length);
                    } catch (IOException e) {
                        open = false; // the process stopped reading: drop the rest, as a closed pipe would
                    }
                }
                // acknowledged even when dropped, so the daemon never waits on a process that is gone
                send(Frames.WINDOW, Payloads.u32(chunk.length), false);
            }
        } catch (InterruptedException | IOException e) {
            // connection gone
        }
    }

    private void pump(InputStream from, int type) {
        byte[] buf = new byte[Frames.CHUNK];
        try {
            int n;
            while ((n = from.read(buf, 0, buf.length)) > 0) {
                synchronized (out) {
                    if (exitSent) {
                        return; // a background process still writing after the session ended
                    }
                    Frames.write(out, type, buf, 0, n);
                }
            }
        } catch (IOException e) {
            LOG.debug("output pump ended: {}", e.toString());
        }
    }

    private void sendExit(ExitInfo exit) {
        try {
            synchronized (out) {
                Frames.write(out, Frames.EXIT, exit.encode());
                exitSent = true;
            }
        } catch (IOException e) {
            LOG.debug("exit not delivered: {}", e.toString());
        }
    }

    private void send(int type, byte[] payload, boolean output) throws IOException {
        synchronized (out) {
            if (!(output && exitSent)) {
                Frames.write(out, type, payload);
            }
        }
    }

    private static void cleanUp(Child child, Thread[] pumps) {
        child.signalGroup(Signals.HUP);
        child.signalGroup(Signals.CONT); // a stopped process gets its SIGHUP too
        long deadline = System.currentTimeMillis() + KILL_AFTER_MILLIS;
        while (child.groupAlive() && System.currentTimeMillis() < deadline) {
            sleep(20);
        }
        if (child.groupAlive()) {
            child.signalGroup(Signals.KILL); // no orphans, not even a process that ignores SIGHUP
        }
        boolean idle = true;
        for (Thread t : pumps) {
            t.interrupt();
            join(t, DRAIN_MILLIS);
            idle &= !t.isAlive();
        }
        if (idle) {
            child.release();
        } else {
            // a process outside the group still holds an output: closing a descriptor under a reader is unsafe
            LOG.warn("session {} left descriptors open: a process outside its group still holds them", child.pid());
        }
    }

    private static Thread thread(String name, Runnable r) {
        Thread t = new Thread(r, "devws-host-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
