package io.devws.host.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The libc calls the host needs (glibc ≥ 2.29 for posix_spawn's setsid and chdir), through JNA. */
public interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int O_RDWR = 0x2;
    int O_NOCTTY = 0x100;
    int O_CLOEXEC = 0x80000;
    int F_SETPIPE_SZ = 1031;
    int EINTR = 4;
    int EIO = 5;
    int EAGAIN = 11;
    int ECHILD = 10;
    int POSIX_SPAWN_SETSIGDEF = 0x04;
    int POSIX_SPAWN_SETSIGMASK = 0x08;
    int POSIX_SPAWN_SETSID = 0x80;
    long TIOCSWINSZ = 0x5414;

    int getuid();

    int umask(int mask);

    int getpid();

    int setsid();

    int kill(int pid, int sig) throws LastErrorException;

    int waitpid(int pid, int[] status, int options) throws LastErrorException;

    int pipe2(int[] fds, int flags) throws LastErrorException;

    int close(int fd);

    int fcntl(int fd, int cmd, int arg) throws LastErrorException;

    long read(int fd, byte[] buf, long count) throws LastErrorException;

    long write(int fd, byte[] buf, long count) throws LastErrorException;

    int posix_openpt(int flags) throws LastErrorException;

    int grantpt(int fd) throws LastErrorException;

    int unlockpt(int fd) throws LastErrorException;

    int ptsname_r(int fd, byte[] buf, long len);

    int ioctl(int fd, long request, short[] winsize) throws LastErrorException;

    int tcgetattr(int fd, Pointer termios) throws LastErrorException;

    int tcsetattr(int fd, int action, Pointer termios) throws LastErrorException;

    int posix_spawn_file_actions_init(Pointer actions);

    int posix_spawn_file_actions_destroy(Pointer actions);

    int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newfd);

    int posix_spawn_file_actions_addclose(Pointer actions, int fd);

    int posix_spawn_file_actions_addopen(Pointer actions, int fd, String path, int oflag, int mode);

    int posix_spawn_file_actions_addchdir_np(Pointer actions, String path);

    int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_destroy(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

    int sigemptyset(Pointer set);

    int sigfillset(Pointer set);

    int sigdelset(Pointer set, int sig);

    int posix_spawn(int[] pid, String path, Pointer actions, Pointer attr, String[] argv, String[] envp);
}
