package io.devws.host.server;

import com.sun.jna.LastErrorException;
import io.devws.host.os.LibC;
import io.devws.host.os.Signals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process groups of the sessions this host runs, one file each beside its socket. A host that dies
 * (killed, out of memory) cannot hang up its sessions; the next host does, from what the dead one left here,
 * as a hung-up terminal would: SIGHUP, then SIGKILL. Each entry holds the leader's start time, so a
 * process group number the kernel has since given to someone else is never signalled.
 */
final class SessionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);
    private static final long KILL_AFTER_MILLIS = 1000;

    private final Path dir;

    private SessionRegistry(Path dir) {
        this.dir = dir;
    }

    static SessionRegistry beside(Path socket) throws IOException {
        Path dir = socket.resolveSibling(socket.getFileName() + ".sessions");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return new SessionRegistry(dir);
    }

    void add(int pgid) {
        try {
            Files.writeString(dir.resolve(Integer.toString(pgid)), startTime(pgid), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            LOG.warn("session {} not recorded (a later host could not end it if this one dies): {}", pgid, e.toString());
        }
    }

    void remove(int pgid) {
        try {
            Files.deleteIfExists(dir.resolve(Integer.toString(pgid)));
        } catch (IOException e) {
            LOG.debug("session {} record stays: {}", pgid, e.toString());
        }
    }

    /** Hangs up the sessions a previous host left running; returns how many process groups got the signal. */
    int endOrphans() throws IOException {
        int ended = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                int pgid;
                try {
                    pgid = Integer.parseInt(entry.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                String recorded = Files.readString(entry, StandardCharsets.US_ASCII);
                String now = startTime(pgid);
                // the leader still runs as recorded, or it is gone and only its group is left (a group's number
                // is not reused while the group has members)
                if ((now.isEmpty() || now.equals(recorded)) && signal(pgid, Signals.HUP)) {
                    signal(pgid, Signals.CONT);
                    long deadline = System.currentTimeMillis() + KILL_AFTER_MILLIS;
                    while (signal(pgid, 0) && System.currentTimeMillis() < deadline) {
                        sleep();
                    }
                    signal(pgid, Signals.KILL);
                    ended++;
                }
                Files.deleteIfExists(entry);
            }
        }
        if (ended > 0) {
            LOG.warn("ended {} session(s) that a previous session host left running", ended);
        }
        return ended;
    }

    private static boolean signal(int pgid, int sig) {
        try {
            return LibC.INSTANCE.kill(-pgid, sig) == 0;
        } catch (LastErrorException e) {
            return false;
        }
    }

    /** Field 22 of /proc/PID/stat (start time in clock ticks since boot), or "" when there is no such process. */
    static String startTime(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"), StandardCharsets.US_ASCII);
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return after[19]; // fields 3.. follow the command name; 22 is the 20th of them
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
