#!/usr/bin/env bash
# The sidecar daemon's memory in a real workspace pod, several configurations side by side in the same
# devws-sshd container at the same time: each runs as an extra daemon on its own socket (the workspace's own
# daemon is left alone), gets the same connections (5 x `true`, then a 64 MiB upload and a 64 MiB download),
# and its VmRSS is read after each phase and 45 s of idleness.
# Needs: KUBECONFIG, a running workspace (devws up NAME), openssh-client, and an SSH key the workspace accepts
# (devws config-ssh writes ~/.ssh/devws/id_ed25519).
# Usage: sidecar/bench/pod-memory.sh WORKSPACE NAMESPACE NAME=[ENV...] [NAME=[ENV...]]...
#   ENV: variable assignments for that daemon, e.g. new= bc=DEVWS_JAVA_OPTS=-Dorg.apache.sshd.security.provider.BC.enabled=true;
#   a first assignment LAUNCHER=PATH runs the launcher at PATH in the container instead of devws-sidecar.
#   DEVWS_BENCH_OLD=DIR (a sidecar/target folder of another build: devws-sidecar, devws-relay.pl, lib/) adds a
#   configuration "old" that runs that build's launcher, copied into the container's /tmp/old.
#   DEVWS_BENCH_KEY (default ~/.ssh/devws/id_ed25519); DEVWS_BENCH_KEEP=1 leaves the daemons running at the end.
#   The value FLOOR [JVM OPTIONS] (e.g. floor=FLOOR) runs MINA's stock server instead (sidecar/bench/MinaFloor.java,
#   compiled here with javac, on a loopback TCP port of its own), under exactly the JVM options of the workspace's own
#   daemon (its /proc/1/cmdline) plus any given: what Apache MINA SSHD holds on that JVM without any of devws.
#   The value JVM [JVM OPTIONS] runs a JVM with those options and no code of its own (JvmFloor), and no connections.
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,17p "$0" >&2; exit 2; }
WS=$1 NS=$2; shift 2
KEY=${DEVWS_BENCH_KEY:-$HOME/.ssh/devws/id_ed25519}
[ -r "$KEY" ] || { echo "no SSH key $KEY: run devws config-ssh, or set DEVWS_BENCH_KEY" >&2; exit 2; }
KX=(kubectl -n "$NS" exec "$WS" -c devws-sshd --)
configs=("$@")
if [ -n "${DEVWS_BENCH_OLD:-}" ]; then
  (cd "$DEVWS_BENCH_OLD" && tar cf - devws-sidecar devws-relay.pl lib) | kubectl -n "$NS" exec -i "$WS" -c devws-sshd -- \
    sh -c 'rm -rf /tmp/old && mkdir -p /tmp/old && tar xf - -C /tmp/old'
  configs=("old=LAUNCHER=/tmp/old/devws-sidecar" "${configs[@]}")
fi
W=$(mktemp -d /tmp/devws-podmem.XXXXXX)
trap 'rm -rf "$W"' EXIT
head -c 67108864 /dev/urandom > "$W/up"
LIB=/opt/devws-sidecar/lib
declare -A floor jvm # name -> the floor's TCP port (also its tag on the command line); name -> 1 for a bare JVM
# a configuration's process inside the container, by an argument only it has (never a pattern that matches pid 1)
match() { if [ -n "${floor[$1]:-}" ]; then echo "Floo[r] ${floor[$1]} "; else echo "Main serv[e] --socket /tmp/bench-$1.sock"; fi; }
# a shell command for the container that prints the pids of configuration $1
pids_of() { echo "for p in /proc/[0-9]*; do cat \$p/cmdline 2>/dev/null | tr '\\0' ' ' | grep -q -- '$(match "$1")' && echo \${p#/proc/}; done"; }
# stdio to the floor's TCP port, with perl-base only (as devws-relay.pl does for the daemon's Unix socket)
TCP_RELAY='use Socket; socket(my $s, PF_INET, SOCK_STREAM, 0) or die; connect($s, sockaddr_in($ARGV[0], inet_aton("127.0.0.1"))) or die "$!";
  binmode $_ for (\*STDIN, \*STDOUT, $s); my $b; if (my $pid = fork) { close STDIN; while (sysread($s, $b, 65536)) { syswrite(STDOUT, $b) }
  kill "TERM", $pid } else { while (sysread(STDIN, $b, 65536)) { syswrite($s, $b) } shutdown($s, 1) }'
proxy() { if [ -n "${floor[$1]:-}" ]; then echo "kubectl exec -i $WS -n $NS -c devws-sshd -- perl -e '$TCP_RELAY' ${floor[$1]}";
  else echo "kubectl exec -i $WS -n $NS -c devws-sshd -- devws-sidecar ssh-server --stdio --socket /tmp/bench-$1.sock"; fi; }
ssh_to() { ssh -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes \
  -o IdentitiesOnly=yes -i "$KEY" -o "ProxyCommand=$(proxy "$1")" x "$2"; }
rss() { "${KX[@]}" sh -c "$(pids_of "$1") | head -1 | while read q; do awk '/VmRSS/ {print int(\$2/1024)}' /proc/\$q/status; done"; }
start_floor() { # PORT MAIN [JVM OPTIONS]
  local port=$1 main=$2 extra=${3:-} jars="$LIB/sshd-core-*.jar $LIB/sshd-common-*.jar $LIB/slf4j-api-*.jar $LIB/slf4j-simple-*.jar $LIB/eddsa-*.jar $LIB/bcprov-*.jar"
  [ -d "$W/floor" ] || { mkdir -p "$W/floor"; javac -d "$W/floor" -cp "$(cd "$(dirname "$0")/../target/lib" && ls sshd-core-*.jar sshd-common-*.jar | sed "s|^|$PWD/|" | paste -sd:)" \
    "$(dirname "$0")/MinaFloor.java"
  tar cf - -C "$W/floor" . | kubectl -n "$NS" exec -i "$WS" -c devws-sshd -- sh -c 'rm -rf /tmp/floor && mkdir -p /tmp/floor && tar xf - -C /tmp/floor'; }
  # the workspace daemon's own java and options: everything on its command line before -cp
  "${KX[@]}" sh -c "set -- \$(tr '\\0' ' ' < /proc/1/cmdline); java=\$1; shift; opts=''
    while [ \$# -gt 0 ] && [ \"\$1\" != -cp ]; do opts=\"\$opts \$1\"; shift; done
    cp=/tmp/floor; for j in $jars; do cp=\$cp:\$j; done
    nohup \$java \$opts $extra -cp \$cp $main $port /tmp/floor/host-$port >/tmp/bench-floor-$port.log 2>&1 &"
}
names=()
for c in "${configs[@]}"; do
  name=${c%%=*}; envs=${c#*=}; names+=("$name")
  case "$envs" in
    FLOOR*) floor[$name]=$((2299 + ${#names[@]})); start_floor "${floor[$name]}" MinaFloor "${envs#FLOOR}"; continue;;
    JVM*) floor[$name]=$((2299 + ${#names[@]})) jvm[$name]=1; start_floor "${floor[$name]}" JvmFloor "${envs#JVM}"; continue;;
  esac
  launcher=devws-sidecar
  case "$envs" in LAUNCHER=*) launcher=${envs%% *}; launcher=${launcher#LAUNCHER=}; envs=${envs#LAUNCHER=$launcher};; esac
  "${KX[@]}" sh -c "rm -f /tmp/bench-$name.sock; $envs DEVWS_AGENT_DIR=/tmp/bench-agent-$name nohup $launcher serve --socket /tmp/bench-$name.sock >/tmp/bench-$name.log 2>&1 &"
done
ready() { if [ -n "${jvm[$1]:-}" ]; then true; elif [ -n "${floor[$1]:-}" ]; then "${KX[@]}" perl -MSocket -e 'socket(my $s, PF_INET, SOCK_STREAM, 0);
    connect($s, sockaddr_in($ARGV[0], inet_aton("127.0.0.1"))) or exit 1' "${floor[$1]}"; else "${KX[@]}" test -S "/tmp/bench-$1.sock"; fi; }
for n in "${names[@]}"; do for _ in $(seq 100); do ready "$n" 2>/dev/null && break; sleep 0.3; done; done
# connections: every configuration but the bare JVMs
served=(); for n in "${names[@]}"; do [ -n "${jvm[$n]:-}" ] || served+=("$n"); done
for n in "${served[@]}"; do for _ in 1 2 3 4 5; do ssh_to "$n" true; done; done
sleep 45
declare -A idle
for n in "${names[@]}"; do idle[$n]=$(rss "$n"); done
for n in "${served[@]}"; do ssh_to "$n" 'cat > /dev/null' < "$W/up"; ssh_to "$n" 'head -c 67108864 /dev/zero' > /dev/null; done
sleep 45
echo "| daemon | RSS after 5 connections (MiB) | RSS after 64 MiB up and down (MiB) |"
echo "|---|---|---|"
for n in "${names[@]}"; do echo "| $n | ${idle[$n]} | $(rss "$n") |"; done
# DEVWS_BENCH_KEEP=1 leaves the daemons running (e.g. for jcmd VM.native_memory); kill them by pid afterwards
[ -n "${DEVWS_BENCH_KEEP:-}" ] && exit 0
for n in "${names[@]}"; do "${KX[@]}" sh -c "$(pids_of "$n") | while read q; do kill \$q; done; true"; done
