#!/usr/bin/env bash
# Session-host benchmark (docs/session-host.md): the same OpenSSH client against three servers in one
# run: OpenSSH `sshd -i`, the devws daemon with the `local` executor (sessions are the daemon's own
# children: the floor for any executor) and the devws daemon with the `host` executor (every session
# through the session host's socket and its framed protocol).
# Needs: mvn -B -pl host,sidecar -am package -DskipTests; openssh-client/-server, hyperfine, python3.
# Usage: host/bench/bench.sh [RUNS]   (Markdown to stdout)
set -euo pipefail
RUNS=${1:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIDECAR="$ROOT/sidecar/target/devws-sidecar"
HOST="$ROOT/host/target/devws-host/bin/devws-host"
[ -x "$SIDECAR" ] && [ -x "$HOST" ] || { echo "build first: mvn -B -pl host,sidecar -am package -DskipTests" >&2; exit 1; }
W=$(mktemp -d /tmp/devws-hostbench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -f "$W/id" >/dev/null
ssh-keygen -q -t ed25519 -N '' -f "$W/sshd_host" >/dev/null
mkdir -p "$W/work" /run/sshd
printf '%s\n' "HostKey $W/sshd_host" "AuthorizedKeysFile $W/id.pub" "UsePAM no" "StrictModes no" "LogLevel ERROR" > "$W/sshd_config"
COMMON=(-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -o IdentitiesOnly=yes -i "$W/id")
SSHD=(ssh "${COMMON[@]}" -o "ProxyCommand=/usr/sbin/sshd -i -f $W/sshd_config")
q() { printf '%q ' "$@"; }

# the session host, started as the sidecar's supervisor does
"$HOST" start --socket "$W/host/host.sock"
HOST_PID=$(pgrep -f "io.devws.host.Main serve --daemon --socket $W/host/host.sock")
PIDS+=("$HOST_PID")

daemon() { # name executor
  local env=(DEVWS_SOCKET="$W/$1/sshd.sock" DEVWS_HOST_KEY="$W/hostkey" DEVWS_AGENT_DIR="$W/$1/agent" DEVWS_WORKDIR="$W/work"
             DEVWS_EXECUTOR="$2" DEVWS_HOST_SOCKET="$W/host/host.sock")
  # stdout to a file: this function runs in $(...), which would otherwise wait for the daemon
  env "${env[@]}" "$SIDECAR" serve >"$W/$1.out" 2>"$W/$1.err" &
  echo "$!" > "$W/$1.pid"
  for _ in $(seq 150); do [ -S "$W/$1/agent/agent.sock" ] && break; sleep 0.1; done
  echo "ssh $(q "${COMMON[@]}") -o $(q "ProxyCommand=env DEVWS_SOCKET=$W/$1/sshd.sock $SIDECAR ssh-server --stdio")"
}
LOCAL_SSH=$(daemon local local); PIDS+=("$(cat "$W/local.pid")")
HOST_SSH=$(daemon hostexec host); PIDS+=("$(cat "$W/hostexec.pid")")
rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
host_idle_cold=$(rss "$HOST_PID")
for _ in $(seq 20); do eval "$LOCAL_SSH x true"; eval "$HOST_SSH x true"; done

echo "# session host vs local executor vs sshd -i ($(date -u +%F), $(nproc) cores, $(java -version 2>&1 | head -1))"
echo
echo "## new connection, \`ssh ws true\` (hyperfine, $RUNS runs)"
hyperfine -N -w 3 -r "$RUNS" --export-json "$W/connect.json" \
  -n "sshd -i" "$(q "${SSHD[@]}" x true)" \
  -n "devws, local executor" "$LOCAL_SSH x true" \
  -n "devws, host executor" "$HOST_SSH x true" >"$W/connect.txt" 2>&1 || cat "$W/connect.txt" >&2
python3 - "$W/connect.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print("| server | median ms | mean ms | ratio to local executor |\n|---|---|---|---|")
for x in r:
    print("| %s | %.0f | %.0f | %.2f |" % (x["command"], x["median"] * 1000, x["mean"] * 1000, x["median"] / r[1]["median"]))
PY

echo
echo "## 64 MiB through \`cat\` (seconds, best of 3)"
head -c 67108864 /dev/urandom > "$W/64m"
best() { local b=999; for _ in 1 2 3; do t=$( { /usr/bin/time -f %e bash -c "$1"; } 2>&1 >/dev/null | tail -1); b=$(python3 -c "print(min($b,$t))"); done; echo "$b"; }
echo "| server | up: \`cat >/dev/null\` | down: \`cat 64m\` | both ways: \`cat\` |"
echo "|---|---|---|---|"
row() { # name "ssh command"
  local up down both
  up=$(best "$2 x 'cat >/dev/null' < $W/64m")
  down=$(best "$2 x 'cat $W/64m' >/dev/null </dev/null")
  both=$(best "$2 x cat < $W/64m | cmp - $W/64m")
  mb() { python3 -c "print(round(64*1.048576/$1))"; }
  echo "| $1 | $up s ($(mb "$up") MB/s) | $down s ($(mb "$down") MB/s) | $both s ($(mb "$both") MB/s) |"
}
row "sshd -i" "$(q "${SSHD[@]}")"
row "devws, local executor" "$LOCAL_SSH"
row "devws, host executor" "$HOST_SSH"

echo
echo "## session host memory (RSS)"
host_idle=$(rss "$HOST_PID")
SESSIONS=()
for i in $(seq 50); do eval "$HOST_SSH x 'sleep 600'" </dev/null >/dev/null 2>&1 & SESSIONS+=("$!"); done
for _ in $(seq 300); do [ "$(pgrep -c -P "$HOST_PID" -f 'sleep 600' || true)" -ge 50 ] && break; sleep 0.2; done
sleep 2
host_50=$(rss "$HOST_PID")
echo "| state | host RSS MiB |"
echo "|---|---|"
echo "| idle, just started | $host_idle_cold |"
echo "| idle, after the runs above | $host_idle |"
echo "| 50 open sessions (\`ssh ws 'sleep 600'\`, $(pgrep -c -P "$HOST_PID" -f 'sleep 600' || true) seen) | $host_50 |"
echo "| per session | $(python3 -c "print(round(($host_50-$host_idle)*1024/50))") KiB |"
kill "${SESSIONS[@]}" 2>/dev/null || true # the host then hangs up their sessions
