# devws-thin.pl CLI_JAR SOCKET ARGS...: the ProxyCommand `devws ssh --stdio ...` when the user's tunnel agent
# runs, without a JVM (docs/benchmarks-cli.md, "The thin client in perl"). It speaks the same protocol as
# io.devws.cli.agent.ThinClient (see AgentProtocol): a request, the agent's one-byte answer, then stdin up as
# raw bytes and the agent's frames (stdout, stderr, exit code) down. Core perl modules only.
# Exit: 75 before reading any stdin when the agent is absent, of another build, silent for 2 s, or the
# request has what only the JVM client can encode (the launcher then runs the in-process ProxyCommand);
# else the tunnel's own code, or 255 with one line when the agent is lost mid-session.
use strict;
use warnings;
use Socket qw(PF_UNIX SOCK_STREAM pack_sockaddr_un);
use Cwd qw(getcwd);
use Time::HiRes qw(time);

my $FALLBACK = 75;
my ($jar, $path) = splice(@ARGV, 0, 2);
defined $path or exit $FALLBACK;

# the build's identity, as AgentProtocol.identity() computes it: the CLI jar's size and mtime (seconds)
my @st = stat($jar) or exit $FALLBACK;
my $identity = "$st[7]\@$st[9]";

# Java's DataOutput.writeUTF: a 2-byte length, then modified UTF-8, which is plain UTF-8 for what argv
# and the environment hold, except 4-byte sequences (supplementary characters): those go to the JVM client
sub utf {
    my $s = defined $_[0] ? $_[0] : '';
    exit $FALLBACK if length($s) > 65535 || $s =~ /[\xF0-\xF7]/ || $s =~ /\x00/;
    return pack('n', length($s)) . $s;
}
my $stderr_tty = 0;
if (my $target = readlink('/proc/self/fd/2')) { $stderr_tty = $target =~ m{^/dev/(pts/|tty)} ? 1 : 0 }
elsif (-t STDERR) { $stderr_tty = 1 }
my $cwd = getcwd();
$cwd = defined $ENV{PWD} ? $ENV{PWD} : '/' unless defined $cwd;
my $request = pack('N', 0x64657701) . utf($identity) . utf($cwd) . utf($ENV{KUBECONFIG}) . utf($ENV{HOME})
    . utf($ENV{DEVWS_START_ON_CONNECT}) . pack('C', $stderr_tty) . pack('N', scalar @ARGV) . join('', map { utf($_) } @ARGV);

socket(my $agent, PF_UNIX, SOCK_STREAM, 0) or exit $FALLBACK;
connect($agent, pack_sockaddr_un($path)) or exit $FALLBACK; # none, or stale: the in-process path starts one
binmode $_ for (\*STDIN, \*STDOUT, \*STDERR, $agent);
$SIG{PIPE} = 'IGNORE';
write_all($agent, $request) or exit $FALLBACK;

# a hung agent (accepting, never answering) must not hang ssh: 2 s, as the JVM client waits
my $rin = '';
vec($rin, fileno($agent), 1) = 1;
exit $FALLBACK unless select(my $rout = $rin, undef, undef, 2) > 0;
my $reply = '';
exit $FALLBACK unless sysread($agent, $reply, 1) && $reply eq 'K';

# up: a child copies stdin to the agent and half-closes on EOF; once the agent's side is gone it keeps
# draining stdin, so that ssh's last writes (its goodbye) never meet a closed pipe
my $up = fork();
defined $up or lost("cannot fork: $!");
if ($up == 0) {
    close STDOUT;
    my ($buf, $open) = ('', 1);
    while (1) {
        my $n = sysread(STDIN, $buf, 65536);
        last unless $n;
        $open = write_all($agent, $buf) if $open;
    }
    shutdown($agent, 1) if $open;
    exit 0;
}
close STDIN;

# down: the agent's frames (type byte, 4-byte length, payload) until its EXIT frame, whose length is the code
while (1) {
    my $head = read_exactly($agent, 5);
    defined $head or lost('it closed the connection');
    my ($type, $len) = unpack('a N', $head);
    if ($type eq 'X') {
        my $code = $len & 0xff; # as the JVM client's System.exit(code)
        if ($code == 0) {
            # ssh says goodbye after the session: stdout closed now, stdin drained until ssh closes it, <= 2 s
            close STDOUT;
            my $deadline = time + 2;
            while (waitpid($up, 1) == 0 && time <= $deadline) { select(undef, undef, undef, 0.01) }
        }
        finish($code);
    }
    lost("bad frame length $len") if $len > 65536;
    my $payload = read_exactly($agent, $len);
    defined $payload or lost('it closed the connection');
    if ($type eq 'E') {
        write_all(\*STDERR, $payload);
    } elsif (!write_all(\*STDOUT, $payload)) {
        finish(0); # ssh closed our stdout: it has what it wanted and is ending
    }
}

sub finish {
    if ($up) {
        kill 'TERM', $up;
        waitpid($up, 0);
    }
    exit $_[0];
}

sub lost {
    print STDERR "devws: the local tunnel agent stopped during the session ($_[0]): reconnect "
        . "(a new agent starts on demand; DEVWS_AGENT=off works without one)\n";
    finish(255);
}

sub write_all {
    my ($fh, $data) = @_;
    my $off = 0;
    while ($off < length $data) {
        my $w = syswrite($fh, $data, length($data) - $off, $off);
        return 0 unless defined $w;
        $off += $w;
    }
    return 1;
}

sub read_exactly {
    my ($fh, $want) = @_;
    my $got = '';
    while (length $got < $want) {
        my $n = sysread($fh, $got, $want - length $got, length $got);
        return undef unless $n;
    }
    return $got;
}
