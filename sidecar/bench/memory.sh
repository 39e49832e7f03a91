#!/usr/bin/env bash
# Sidecar memory: the daemon's RSS idle (after warm-up connections), per open connection (daemon growth
# plus the bridge JVM each connection runs) and per session (20 sessions multiplexed on one connection).
# Each configuration is a set of extra JVM options for the daemon (DEVWS_JAVA_OPTS, which come after
# the launcher's own and so override them), measured one after the other in the same run.
# Needs: a built sidecar (mvn -pl sidecar package), openssh-client, python3.
# Usage: sidecar/bench/memory.sh [NAME=OPTS ...]   (default: the launcher's flags only)
# DEVWS_BENCH_BEFORE=FILE adds a first row with FILE as the launcher (e.g. the launcher of an older
# commit: git show REV:sidecar/src/main/launcher/devws-sidecar > /tmp/before), run on the same jars.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIDECAR="$ROOT/sidecar/target/devws-sidecar"
[ -x "$SIDECAR" ] || { echo "build first: mvn -B -pl sidecar package -DskipTests" >&2; exit 1; }
N=${DEVWS_BENCH_N:-20}
W=$(mktemp -d /tmp/devws-mem.XXXXXX)
DAEMON_PID=""
cleanup() { [ -n "$DAEMON_PID" ] && { end_sessions; kill "$DAEMON_PID" 2>/dev/null; }; jobs -p | xargs -r kill 2>/dev/null || true; wait 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
ssh-keygen -q -t ed25519 -N '' -f "$W/id" >/dev/null
export DEVWS_SOCKET="$W/run/sshd.sock" DEVWS_HOST_KEY="$W/host" DEVWS_AGENT_DIR="$W/agent" DEVWS_WORKDIR="$W" DEVWS_EXECUTOR=local
SSH=(ssh -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes
     -o IdentitiesOnly=yes -i "$W/id" -o "ProxyCommand=$SIDECAR ssh-server --stdio")
kib() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }
priv() { awk '/^Private_(Clean|Dirty):/ {s+=$2} END {print s}' "/proc/$1/smaps_rollup"; }
mib() { python3 -c "print(f'{$1/1024:.1f}')"; }
settle() { sleep "${DEVWS_BENCH_SETTLE:-8}"; }
# the sessions' processes: descendants of our daemon, by pid (never by name)
descendants() { local p; for p in $(pgrep -P "$1" || true); do echo "$p"; descendants "$p"; done; }
sessions() { local n=0 p; for p in $(descendants "$DAEMON_PID"); do [ "$(cat /proc/$p/comm 2>/dev/null)" = sleep ] && n=$((n + 1)); done; echo $n; }
end_sessions() { local p; for p in $(descendants "$DAEMON_PID"); do [ "$(cat /proc/$p/comm 2>/dev/null)" = sleep ] && kill "$p" 2>/dev/null; done; true; }
# the bridge JVMs: children of our ssh clients' ProxyCommand
bridges() { local c p; for c in "$@"; do for p in $(descendants "$c"); do grep -q 'devws.bridge-only=true' "/proc/$p/cmdline" 2>/dev/null && echo "$p"; done; done; }

echo "| daemon JVM options (beyond the launcher's) | RSS idle | private idle | threads idle | per connection: daemon + bridge JVM | per session (daemon) |"
echo "|---|---|---|---|---|---|"
configs=("$@"); [ ${#configs[@]} -gt 0 ] || configs=("launcher=")
if [ -n "${DEVWS_BENCH_BEFORE:-}" ]; then
  cp "$DEVWS_BENCH_BEFORE" "$ROOT/sidecar/target/devws-sidecar.before" && chmod +x "$ROOT/sidecar/target/devws-sidecar.before"
  configs=("before (launcher of DEVWS_BENCH_BEFORE)=" "${configs[@]}")
fi
for c in "${configs[@]}"; do
  name=${c%%=*}; opts=${c#*=}
  launcher=$SIDECAR
  case "$name" in before*) launcher=$ROOT/sidecar/target/devws-sidecar.before;; esac
  rm -rf "$W/run"
  DEVWS_JAVA_OPTS="$opts" "$launcher" serve 2>"$W/daemon.err" & DAEMON_PID=$!
  for _ in $(seq 300); do [ -S "$DEVWS_SOCKET" ] && break; sleep 0.1; done
  for _ in $(seq 10); do "${SSH[@]}" x true; done
  settle
  idle=$(kib $DAEMON_PID VmRSS); idle_priv=$(priv $DAEMON_PID); threads=$(kib $DAEMON_PID Threads)
  # N connections, each with one idle session
  pids=()
  for _ in $(seq "$N"); do "${SSH[@]}" x sleep 600 & pids+=($!); done
  for _ in $(seq 600); do [ "$(sessions)" -ge "$N" ] && break; sleep 0.2; done
  settle
  conn=$(kib $DAEMON_PID VmRSS)
  bridges=0; nb=0
  for p in $(bridges "${pids[@]}"); do bridges=$((bridges + $(kib "$p" VmRSS))); nb=$((nb + 1)); done
  end_sessions
  kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true
  settle
  # one connection, N sessions multiplexed on it (OpenSSH ControlMaster)
  base=$(kib $DAEMON_PID VmRSS)
  "${SSH[@]}" -o ControlMaster=yes -o ControlPath="$W/cm" -N x & master=$!
  for _ in $(seq 100); do [ -S "$W/cm" ] && break; sleep 0.1; done
  spids=()
  for _ in $(seq "$N"); do "${SSH[@]}" -o ControlPath="$W/cm" x sleep 601 & spids+=($!); done
  for _ in $(seq 600); do [ "$(sessions)" -ge "$N" ] && break; sleep 0.2; done
  settle
  one=$(kib $DAEMON_PID VmRSS)
  "${SSH[@]}" -o ControlPath="$W/cm" -O exit x 2>/dev/null || true
  end_sessions
  kill "${spids[@]}" "$master" 2>/dev/null || true; wait "${spids[@]}" "$master" 2>/dev/null || true
  per_conn=$(python3 -c "print(f'{($conn-$idle)/$N/1024:.2f} MiB + {($bridges/max($nb,1))/1024:.1f} MiB')")
  per_session=$(python3 -c "print(f'{($one-$base)/$N:.0f} KiB')")
  echo "| $name: \`${opts:-(none)}\` | $(mib $idle) MiB | $(mib $idle_priv) MiB | $threads | $per_conn (${nb} bridges) | $per_session |"
  kill "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null || true; DAEMON_PID=""
done
