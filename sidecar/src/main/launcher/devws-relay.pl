# devws-relay.pl SOCKET: `ssh-server --stdio` when the daemon runs, without a JVM (docs/benchmarks-relay.md):
# relays stdin/stdout to the daemon's Unix socket, as the JVM bridge (io.devws.sidecar.bridge.Bridge) does.
# Only perl-base modules (Debian minbase has them). Exit: 75 when no daemon answers (before reading
# stdin: the launcher then runs the in-process server), 0 when the daemon or our stdout ends the
# connection, 255 with one line on stderr when the connection to the daemon is lost.
use strict;
use warnings;
use Socket qw(PF_UNIX SOCK_STREAM pack_sockaddr_un);

my $path = shift @ARGV or do { print STDERR "usage: devws-relay.pl SOCKET\n"; exit 2 };
socket(my $daemon, PF_UNIX, SOCK_STREAM, 0) or exit 75;
connect($daemon, pack_sockaddr_un($path)) or exit 75;
binmode $_ for (\*STDIN, \*STDOUT, $daemon);
$SIG{PIPE} = 'IGNORE';

# up: a child copies stdin to the daemon, then half-closes (stdin EOF may never come over an exec stream)
my $up = fork();
defined $up or do { print STDERR "devws-sidecar: cannot fork the relay: $!\n"; exit 255 };
if ($up == 0) {
    close STDOUT; # only the parent writes the SSH stream, so the exec ends when the parent does
    my $buf;
    while (1) {
        my $n = sysread(STDIN, $buf, 65536);
        last unless $n; # EOF or error
        my $off = 0;
        while ($off < $n) {
            my $w = syswrite($daemon, $buf, $n - $off, $off);
            exit 0 unless defined $w; # the daemon closed this connection
            $off += $w;
        }
    }
    shutdown($daemon, 1);
    exit 0;
}
close STDIN;

# down: the daemon's bytes to stdout until it closes the connection
my ($buf, $rc) = ('', 0);
while (1) {
    my $n = sysread($daemon, $buf, 65536);
    if (!defined $n) {
        print STDERR "devws-sidecar: connection to the SSH daemon lost: $!\n";
        $rc = 255;
        last;
    }
    last if $n == 0;
    my $off = 0;
    while ($off < $n) {
        my $w = syswrite(STDOUT, $buf, $n - $off, $off);
        if (!defined $w) { $off = -1; last } # ssh or the exec stream is gone
        $off += $w;
    }
    last if $off < 0;
}
kill 'TERM', $up;
waitpid($up, 0);
exit $rc;
