#!/usr/bin/env bash
# Sidecar benchmark: devws-sidecar (daemon + bridge, and in-process stdio) side by side with
# OpenSSH `sshd -i`, all as ProxyCommand of the same OpenSSH client with the same options.
# Needs: a built sidecar (mvn -pl sidecar package), openssh-client/-server, hyperfine, python3.
# Usage: sidecar/bench/bench.sh [RUNS]   (writes a Markdown table to stdout)
set -euo pipefail
RUNS=${1:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIDECAR="$ROOT/sidecar/target/devws-sidecar"
[ -x "$SIDECAR" ] || { echo "build first: mvn -B -pl sidecar package -DskipTests" >&2; exit 1; }
W=$(mktemp -d /tmp/devws-bench.XXXXXX)
DAEMON_PID=""
cleanup() { [ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -f "$W/id" >/dev/null
ssh-keygen -q -t ed25519 -N '' -f "$W/sshd_host" >/dev/null
mkdir -p "$W/work" /run/sshd
cat > "$W/sshd_config" <<CFG
HostKey $W/sshd_host
AuthorizedKeysFile $W/id.pub
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
LogLevel ERROR
CFG
export DEVWS_SOCKET="$W/run/sshd.sock" DEVWS_HOST_KEY="$W/devws_host" DEVWS_AGENT_DIR="$W/agent" DEVWS_WORKDIR="$W/work" DEVWS_EXECUTOR=local
COMMON=(-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -o IdentitiesOnly=yes -i "$W/id")
SSHD=(ssh "${COMMON[@]}" -o "ProxyCommand=/usr/sbin/sshd -i -f $W/sshd_config")
DAEMON=(ssh "${COMMON[@]}" -o "ProxyCommand=$SIDECAR ssh-server --stdio")
STDIO=(ssh "${COMMON[@]}" -o "ProxyCommand=$SIDECAR ssh-server --stdio --no-daemon")

"$SIDECAR" serve 2>"$W/daemon.err" & DAEMON_PID=$!
for _ in $(seq 100); do [ -S "$DEVWS_SOCKET" ] && break; sleep 0.1; done
rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$DAEMON_PID/status"; }
# private = anonymous and private file pages only: what the daemon costs beyond shared JDK files
priv() { awk '/^Private_(Clean|Dirty):/ {s+=$2} END {printf "%.1f", s/1024}' "/proc/$DAEMON_PID/smaps_rollup"; }
q() { printf '%q ' "$@"; }

# warm the daemon the way a working day does: a few connections, then measure
for _ in $(seq 30); do "${DAEMON[@]}" x true; done

echo "# devws-sidecar vs sshd -i ($(date -u +%F), $(nproc) cores, $(java -version 2>&1 | head -1))"
echo
echo "## connect: ssh start to command output (hyperfine, $RUNS runs, median)"
hyperfine -N -w 3 -r "$RUNS" --export-json "$W/connect.json" \
  -n "sshd -i" "$(q "${SSHD[@]}" x echo hi)" \
  -n "devws daemon+bridge" "$(q "${DAEMON[@]}" x echo hi)" \
  -n "devws in-process stdio" "$(q "${STDIO[@]}" x echo hi)" >"$W/connect.txt" 2>&1 || cat "$W/connect.txt" >&2
python3 - "$W/connect.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[0]["median"]
print("| server | median ms | mean ms | ratio to sshd -i |\n|---|---|---|---|")
for x in r:
    print("| %s | %.0f | %.0f | %.2f |" % (x["command"], x["median"] * 1000, x["mean"] * 1000, x["median"] / base))
PY

echo
echo "## bulk 256 MiB (seconds, best of 3; MB/s)"
head -c 268435456 /dev/urandom > "$W/256m"
bulk() { # name, then the ssh command array
  local name=$1; shift
  local up down
  up=$( { /usr/bin/time -f %e "$@" x 'cat > /dev/null' < "$W/256m"; } 2>&1 >/dev/null | tail -1)
  for _ in 1 2; do t=$( { /usr/bin/time -f %e "$@" x 'cat > /dev/null' < "$W/256m"; } 2>&1 >/dev/null | tail -1); up=$(python3 -c "print(min($up,$t))"); done
  down=$( { /usr/bin/time -f %e "$@" x "cat $W/256m" > /dev/null; } 2>&1 | tail -1)
  for _ in 1 2; do t=$( { /usr/bin/time -f %e "$@" x "cat $W/256m" > /dev/null; } 2>&1 | tail -1); down=$(python3 -c "print(min($down,$t))"); done
  echo "| $name | $up s ($(python3 -c "print(round(256/$up))") MB/s) | $down s ($(python3 -c "print(round(256/$down))") MB/s) |"
}
echo "| server | upload | download |"
echo "|---|---|---|"
bulk "sshd -i" "${SSHD[@]}"
bulk "devws daemon+bridge" "${DAEMON[@]}"

echo
echo "## 1-byte round trip (ssh … cat, 2000 samples after 200 warm-up)"
echo "| server | result |"
echo "|---|---|"
echo "| sshd -i | $(python3 "$ROOT/sidecar/bench/rtt.py" 2000 "${SSHD[@]}" x) |"
echo "| devws daemon+bridge | $(python3 "$ROOT/sidecar/bench/rtt.py" 2000 "${DAEMON[@]}" x) |"

echo
echo "## bridge start-up alone (JVM to daemon banner, stdin at EOF)"
hyperfine -N -w 3 -r "$RUNS" --export-json "$W/bridge.json" "$SIDECAR ssh-server --stdio" >/dev/null 2>&1 || true
python3 -c "import json;r=json.load(open('$W/bridge.json'))['results'][0];print('median %.0f ms, mean %.0f ms' % (r['median']*1000, r['mean']*1000))"

echo
echo "## daemon RSS"
idle=$(rss); idle_priv=$(priv)
pids=()
for _ in $(seq 50); do "${DAEMON[@]}" x 'sleep 600' </dev/null & pids+=($!); done
sleep 8
busy=$(rss); busy_priv=$(priv)
kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null || true
echo "| | idle (after warm-up) | with 50 idle sessions | per session |"
echo "|---|---|---|---|"
echo "| RSS | $idle MiB | $busy MiB | $(python3 -c "print(round(($busy-$idle)*1024/50))") KiB |"
echo "| private (pages no other process shares) | $idle_priv MiB | $busy_priv MiB | $(python3 -c "print(round(($busy_priv-$idle_priv)*1024/50))") KiB |"
