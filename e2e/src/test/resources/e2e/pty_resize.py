#!/usr/bin/env python3
"""pty_resize.py ROWS COLS ROWS2 COLS2 -- COMMAND...
Runs COMMAND (an ssh -t ... 'stty size; read x; stty size') on a real local terminal of ROWS x COLS,
waits for "ROWS COLS", resizes the terminal to ROWS2 x COLS2 (the kernel sends SIGWINCH to ssh, which
sends window-change), presses Enter and waits for "ROWS2 COLS2". Prints all output; exit 0 when both seen."""
import fcntl, os, pty, select, struct, sys, termios, time

r1, c1, r2, c2 = map(int, sys.argv[1:5])
cmd = sys.argv[6:]
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", r1, c1, 0, 0))
    os.execvp(cmd[0], cmd)
buf = b""


def read_until(token, timeout):
    global buf
    end = time.time() + timeout
    while token not in buf and time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            buf += data
    return token in buf


first = read_until(("%d %d" % (r1, c1)).encode(), 90)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", r2, c2, 0, 0))
time.sleep(1.5)
os.write(fd, b"\r")
second = first and read_until(("%d %d" % (r2, c2)).encode(), 60)
read_until(b"\x00never", 3)
try:
    os.kill(pid, 15)
except ProcessLookupError:
    pass
os.waitpid(pid, 0)
sys.stdout.write(buf.decode("utf-8", "replace"))
sys.exit(0 if first and second else 1)
