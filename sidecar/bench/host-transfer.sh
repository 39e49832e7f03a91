#!/usr/bin/env bash
# scp (SFTP protocol) and a command's stdin/stdout through the session host, side by side with OpenSSH
# `sshd -i` and the sidecar's in-process `local` executor, same client, same options, same run.
# Needs: built sidecar and host (mvn -B -pl host,sidecar -am package -DskipTests), openssh-client/-server, python3.
# Usage: sidecar/bench/host-transfer.sh [MiB] [HOST_LAUNCHER]   (Markdown to stdout; HOST_LAUNCHER compares another build)
set -euo pipefail
MIB=${1:-64}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIDECAR="$ROOT/sidecar/target/devws-sidecar"
HOST=${2:-$ROOT/host/target/devws-host/bin/devws-host}
[ -x "$SIDECAR" ] && [ -x "$HOST" ] || { echo "build first: mvn -B -pl host,sidecar -am package -DskipTests" >&2; exit 1; }
W=$(mktemp -d /tmp/devws-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; pkill -f "io.devws.host.Main serve --socket $W/" 2>/dev/null || true; wait 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -f "$W/id" >/dev/null
ssh-keygen -q -t ed25519 -N '' -f "$W/sshd_host" >/dev/null
mkdir -p "$W/work" /run/sshd
printf 'HostKey %s\nAuthorizedKeysFile %s\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\nLogLevel ERROR\nSubsystem sftp internal-sftp\n' \
  "$W/sshd_host" "$W/id.pub" > "$W/sshd_config"
COMMON=(-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -o IdentitiesOnly=yes -i "$W/id")

"$HOST" start --socket "$W/host/host.sock" >/dev/null
daemon() { # name executor
  mkdir -p "$W/$1"
  DEVWS_SOCKET="$W/$1/sshd.sock" DEVWS_HOST_KEY="$W/$1/key" DEVWS_AGENT_DIR="$W/$1/agent" DEVWS_WORKDIR="$W/work" \
    DEVWS_EXECUTOR=$2 DEVWS_HOST_SOCKET="$W/host/host.sock" "$SIDECAR" serve 2>"$W/$1.err" & PIDS+=($!)
  for _ in $(seq 100); do [ -S "$W/$1/sshd.sock" ] && break; sleep 0.1; done
}
daemon host host
daemon local local
proxy() { case $1 in sshd) echo "/usr/sbin/sshd -i -f $W/sshd_config";;
  *) echo "env DEVWS_SOCKET=$W/$1/sshd.sock DEVWS_HOST_KEY=$W/$1/key DEVWS_AGENT_DIR=$W/$1/agent $SIDECAR ssh-server --stdio";; esac; }

head -c $((MIB << 20)) /dev/urandom > "$W/data"
best() { # best of 3 wall-clock seconds of "$@"
  python3 - "$@" <<'PY'
import subprocess, sys, time
best = None
for _ in range(3):
    t = time.monotonic()
    r = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit("failed: %s: %s" % (" ".join(sys.argv[1:]), r.stderr.decode()[-300:]))
    best = min(best or 1e9, time.monotonic() - t)
print("%.2f" % best)
PY
}
echo "# scp and stdin/stdout through the session host ($(date -u +%F), $(nproc) cores, ${MIB} MiB, best of 3)"
echo
echo "| server | scp upload | scp download | ssh cat upload | ssh cat download |"
echo "|---|---|---|---|---|"
for s in sshd host local; do
  P=(-o "ProxyCommand=$(proxy "$s")")
  up=$(best scp -q "${COMMON[@]}" "${P[@]}" "$W/data" "x:$W/work/up-$s")
  cmp -s "$W/data" "$W/work/up-$s" || { echo "scp upload through $s corrupted the file" >&2; exit 1; }
  down=$(best scp -q "${COMMON[@]}" "${P[@]}" "x:$W/work/up-$s" "$W/down-$s")
  cmp -s "$W/data" "$W/down-$s" || { echo "scp download through $s corrupted the file" >&2; exit 1; }
  cu=$(best sh -c "$(printf '%q ' ssh "${COMMON[@]}" "${P[@]}" x 'cat > /dev/null') < $W/data")
  cd=$(best ssh "${COMMON[@]}" "${P[@]}" x "cat $W/data")
  mbs() { python3 -c "print('%s s (%.0f MB/s)' % ('$1', $MIB * 1.048576 / $1))"; }
  echo "| $s | $(mbs "$up") | $(mbs "$down") | $(mbs "$cu") | $(mbs "$cd") |"
done
