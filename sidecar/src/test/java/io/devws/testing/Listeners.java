package io.devws.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who listens on a TCP port, per {@code /proc/net/tcp[6]} and {@code /proc/PID/fd}. A test that picked a free port
 * for a program that cannot bind port 0 and report it (sshd, {@code ssh -L}) waits for <em>that program</em> to hold
 * the listener: "the port accepts" alone may be another process that took the port in between, while the program
 * fails its bind.
 */
public final class Listeners {
    private Listeners() {
    }

    /** Whether {@code process} or one of its descendants holds a listening TCP socket on {@code port}. */
    public static boolean listensOn(ProcessHandle process, int port) {
        Set<String> sockets = listening(port);
        if (sockets.isEmpty()) {
            return false;
        }
        return Stream.concat(Stream.of(process), process.descendants()).anyMatch(p -> holdsAny(p.pid(), sockets));
    }

    /** {@code socket:[INODE]} of every listening TCP socket (IPv4 and IPv6) on {@code port}. */
    private static Set<String> listening(int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException e) {
                continue; // no IPv6
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st ... inode (field 9)
                if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                    inodes.add("socket:[" + f[9] + "]");
                }
            }
        }
        return inodes;
    }

    private static boolean holdsAny(long pid, Set<String> sockets) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    if (sockets.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return false; // gone, or not ours to read
        }
        return false;
    }
}
