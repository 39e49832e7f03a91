package io.devws.host.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.Map;

/**
 * Applies the client's RFC 4254 §8 terminal modes to a new PTY, as sshd does: control characters
 * and the common input, local, output and control flags (Linux x86-64 struct termios layout).
 */
final class TtyModes {
    private static final int IFLAG = 0;
    private static final int OFLAG = 4;
    private static final int CFLAG = 8;
    private static final int LFLAG = 12;
    private static final int CC = 17;
    /** SSH opcode → c_cc index (Linux). */
    private static final Map<Integer, Integer> CHARS = Map.ofEntries(
            Map.entry(1, 0), Map.entry(2, 1), Map.entry(3, 2), Map.entry(4, 3), Map.entry(5, 4), Map.entry(6, 11),
            Map.entry(7, 16), Map.entry(8, 8), Map.entry(9, 9), Map.entry(10, 10), Map.entry(12, 12),
            Map.entry(13, 14), Map.entry(14, 15), Map.entry(18, 13));
    /** SSH opcode → {flag word offset, bit}. */
    private static final Map<Integer, int[]> FLAGS = Map.ofEntries(
            Map.entry(30, f(IFLAG, 0004)), Map.entry(31, f(IFLAG, 0010)), Map.entry(32, f(IFLAG, 0020)),
            Map.entry(33, f(IFLAG, 0040)), Map.entry(34, f(IFLAG, 0100)), Map.entry(35, f(IFLAG, 0200)),
            Map.entry(36, f(IFLAG, 0400)), Map.entry(37, f(IFLAG, 01000)), Map.entry(38, f(IFLAG, 02000)),
            Map.entry(39, f(IFLAG, 04000)), Map.entry(40, f(IFLAG, 010000)), Map.entry(41, f(IFLAG, 020000)),
            Map.entry(42, f(IFLAG, 040000)),
            Map.entry(50, f(LFLAG, 01)), Map.entry(51, f(LFLAG, 02)), Map.entry(52, f(LFLAG, 04)),
            Map.entry(53, f(LFLAG, 010)), Map.entry(54, f(LFLAG, 020)), Map.entry(55, f(LFLAG, 040)),
            Map.entry(56, f(LFLAG, 0100)), Map.entry(57, f(LFLAG, 0200)), Map.entry(58, f(LFLAG, 0400)),
            Map.entry(59, f(LFLAG, 0100000)), Map.entry(60, f(LFLAG, 01000)), Map.entry(61, f(LFLAG, 04000)),
            Map.entry(62, f(LFLAG, 040000)),
            Map.entry(70, f(OFLAG, 01)), Map.entry(71, f(OFLAG, 02)), Map.entry(72, f(OFLAG, 04)),
            Map.entry(73, f(OFLAG, 010)), Map.entry(74, f(OFLAG, 020)), Map.entry(75, f(OFLAG, 040)),
            Map.entry(92, f(CFLAG, 0400)), Map.entry(93, f(CFLAG, 01000)));
    private static final int CSIZE = 060;

    private TtyModes() {
    }

    private static int[] f(int offset, int bit) {
        return new int[] {offset, bit};
    }

    static void apply(int fd, Map<Integer, Integer> modes) {
        if (modes.isEmpty()) {
            return;
        }
        Memory t = new Memory(128); // sizeof(struct termios) = 60
        try {
            LibC.INSTANCE.tcgetattr(fd, t);
            for (Map.Entry<Integer, Integer> m : modes.entrySet()) {
                int op = m.getKey();
                int v = m.getValue();
                Integer cc = CHARS.get(op);
                int[] flag = FLAGS.get(op);
                if (cc != null) {
                    t.setByte(CC + cc, (byte) (v == 255 ? 0 : v)); // 255: disabled (_POSIX_VDISABLE is 0)
                } else if (flag != null) {
                    int word = t.getInt(flag[0]);
                    t.setInt(flag[0], v != 0 ? word | flag[1] : word & ~flag[1]);
                } else if ((op == 90 || op == 91) && v != 0) {
                    t.setInt(CFLAG, (t.getInt(CFLAG) & ~CSIZE) | (op == 90 ? 040 : 060));
                }
            }
            LibC.INSTANCE.tcsetattr(fd, 0, t); // TCSANOW
        } catch (LastErrorException e) {
            // keep the kernel's defaults
        }
    }
}
