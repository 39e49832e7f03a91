#!/usr/bin/env bash
# relay-bench.sh [RUNS] - the per-connection relay of `devws-sidecar ssh-server --stdio` to a running
# daemon: perl (devws-relay.pl) vs the JVM bridge (DEVWS_BRIDGE=jvm), side by side in one run, with
# real OpenSSH against the built launcher (local executor). Prints `ssh true` wall time, 64 MiB
# throughput each way, and the relay's RSS during an open connection. Needs sidecar/target (package).
set -euo pipefail
RUNS=${1:-20}
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
L=$ROOT/sidecar/target/devws-sidecar
B=$(mktemp -d /tmp/relay-bench.XXXXXX)
trap 'kill $DAEMON 2>/dev/null; wait $DAEMON 2>/dev/null; rm -rf "$B"' EXIT
mkdir -p "$B/work" "$B/run"
ssh-keygen -q -t ed25519 -N '' -f "$B/id" -C bench
export DEVWS_SOCKET=$B/run/sshd.sock DEVWS_HOST_KEY=$B/hostkey DEVWS_AGENT_DIR=$B/agent DEVWS_EXECUTOR=local \
  DEVWS_WORKDIR=$B/work DEVWS_KEEPALIVE=30s
"$L" serve 2>"$B/daemon.err" & DAEMON=$!
for _ in $(seq 100); do [ -S "$B/agent/agent.sock" ] && break; sleep 0.1; done
SSH=(ssh -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes
     -o IdentitiesOnly=yes -i "$B/id" -o "ProxyCommand=$L ssh-server --stdio" bench)
head -c 67108864 /dev/urandom > "$B/64m"
now() { date +%s%N; }
declare -A T
for mode in perl jvm; do T[$mode]=""; done
for i in $(seq "$RUNS"); do
  for mode in perl jvm; do
    if [ $mode = jvm ]; then export DEVWS_BRIDGE=jvm; else unset DEVWS_BRIDGE; fi
    s=$(now); "${SSH[@]}" true; e=$(now)
    T[$mode]+="$(( (e - s) / 1000000 )) "
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for mode in perl jvm; do
  if [ $mode = jvm ]; then export DEVWS_BRIDGE=jvm; else unset DEVWS_BRIDGE; fi
  echo "$mode: ssh true median $(echo "${T[$mode]}" | median) ms over $RUNS (all: ${T[$mode]})"
  for dir in up down; do
    best=999999
    for _ in 1 2 3; do
      s=$(now)
      if [ $dir = up ]; then "${SSH[@]}" 'cat > /dev/null' < "$B/64m"; else "${SSH[@]}" "cat '$B/64m'" > /dev/null; fi
      e=$(now); ms=$(( (e - s) / 1000000 )); [ $ms -lt $best ] && best=$ms
    done
    echo "$mode: 64 MiB $dir best of 3: $best ms ($(( 64 * 1000 / best )) MiB/s)"
  done
  "${SSH[@]}" 'sleep 4' & SP=$!
  sleep 2.5
  # the ProxyCommand tree: ssh -> sh -c -> launcher sh -> perl (+ its up child) or java
  pids=$(ps -e -o pid=,ppid= | awk -v root=$SP '{p[$1]=$2} END {for (x in p) {y=x; while (y in p && y != root) y=p[y]; if (y == root && x != root) print x}}')
  rss=0; pss=0; what=""
  for p in $pids; do
    r=$(ps -o rss= -p "$p" 2>/dev/null || echo 0); c=$(ps -o comm= -p "$p" 2>/dev/null || true)
    s=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    rss=$((rss + r)); pss=$((pss + s)); what+="$c:${r}K/${s}K "
  done
  echo "$mode: relay during an open connection: RSS $((rss / 1024)) MiB, PSS $((pss / 1024)) MiB (process:RSS/PSS $what)"
  wait $SP
done
