# Sourced by the exec benchmarks (exec-tunnel.sh, agent.sh): snapshots the build into $W, starts the
# exec test server with a "raw" pod (stand-in sidecar running $W/raw-cmd) and a "full" one (the real
# sidecar daemon, kube executor), and defines SSH (OpenSSH through `devws ssh --stdio`) and RAW.
# Expects bash with set -euo pipefail; sets W, CLI, SIDECAR, SSH, RAW, PIDS and an EXIT trap.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ -x "$ROOT/cli/target/devws" ] && [ -x "$ROOT/sidecar/target/devws-sidecar" ] && [ -d "$ROOT/sidecar/target/test-classes" ] \
  || { echo "build first: mvn -B -pl sidecar,cli package -DskipTests" >&2; exit 1; }
W=$(mktemp -d /tmp/devws-exec-bench.XXXXXX)
PIDS=()
# the tunnel agent that `devws ssh --stdio` starts lives in $W/xdg/devws (not the user's), stopped at the end
export XDG_RUNTIME_DIR="$W/xdg"
mkdir -p "$XDG_RUNTIME_DIR"
# and its HOME: the ProxyCommand pins host keys into $HOME/.ssh/devws/known_hosts when config-ssh wrote one
export HOME="$W/home"
mkdir -p "$HOME"
stop_agent() { for _ in 1 2 3; do [ -f "$W/xdg/devws/agent.pid" ] && kill -9 "$(cat "$W/xdg/devws/agent.pid")" 2>/dev/null; rm -rf "$W/xdg/devws"; sleep 0.3; done; true; }
cleanup() { stop_agent; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT

# a snapshot of the build, so a rebuild during the run cannot change what is measured
mkdir -p "$W/cli" "$W/sidecar"
cp -r "$ROOT/cli/target/devws" "$ROOT/cli/target/lib" "$W/cli/"
cp -r "$ROOT/sidecar/target/devws-sidecar" "$ROOT/sidecar/target/lib" "$ROOT/sidecar/target/classes" \
  "$ROOT/sidecar/target/test-classes" "$W/sidecar/"
CLI="$W/cli/devws"
SIDECAR="$W/sidecar/devws-sidecar"
(cd "$ROOT" && mvn -B -o -q dependency:build-classpath -pl sidecar -Dmdep.includeScope=test -Dmdep.outputFile="$W/cp.txt" >/dev/null)
CP="$W/sidecar/test-classes:$W/sidecar/classes:$(cat "$W/cp.txt")"
server() { # kubeconfig, then CONTAINER:NAME=VALUE...
  local kc=$1; shift
  java -cp "$CP" io.devws.testing.ExecTestServerMain "$kc" team ws "$@" >"$kc.log" 2>&1 & PIDS+=($!)
  for _ in $(seq 200); do [ -f "$kc" ] && break; sleep 0.1; done
}

# raw: devws-sidecar on the sidecar container's PATH runs whatever $W/raw-cmd says
mkdir -p "$W/rawbin" "$W/run" "$W/agent" "$W/work"
printf '#!/bin/sh\nexec sh -c "$(cat %s)"\n' "$W/raw-cmd" > "$W/rawbin/devws-sidecar"
chmod +x "$W/rawbin/devws-sidecar"
server "$W/raw.kubeconfig" "devws-sshd:PATH=$W/rawbin:$PATH"

# full: the real sidecar, daemon with the kube executor
ssh-keygen -q -t ed25519 -N '' -f "$W/id" >/dev/null
ssh-keygen -q -t ed25519 -N '' -f "$W/hostkey" >/dev/null
export DEVWS_SOCKET="$W/run/sshd.sock" DEVWS_HOST_KEY="$W/hostkey" DEVWS_AGENT_DIR="$W/agent" DEVWS_WORKDIR="$W/work" \
  DEVWS_EXECUTOR=kube DEVWS_POD_NAME=ws DEVWS_POD_NAMESPACE=team KUBECONFIG="$W/full.kubeconfig"
# the workspace's status publishes the host key, as the operator's does
DEVWS_TEST_HOST_KEY_FILE="$W/hostkey.pub" server "$W/full.kubeconfig" $(for v in DEVWS_SOCKET DEVWS_HOST_KEY DEVWS_AGENT_DIR DEVWS_WORKDIR DEVWS_EXECUTOR \
  DEVWS_POD_NAME DEVWS_POD_NAMESPACE KUBECONFIG; do printf 'devws-sshd:%s=%s ' "$v" "${!v}"; done) \
  "devws-sshd:PATH=$(dirname "$SIDECAR"):$PATH"
"$SIDECAR" serve 2>"$W/daemon.err" & PIDS+=($!)
for _ in $(seq 200); do [ -S "$DEVWS_SOCKET" ] && break; sleep 0.1; done
echo "ws.devws $(cat "$W/hostkey.pub")" > "$W/known_hosts"

# SSH_OPTS: extra ssh options, e.g. SSH_OPTS="-c aes128-gcm@openssh.com"
# shellcheck disable=SC2206
SSH=(ssh ${SSH_OPTS:-} -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -i "$W/id" -o "UserKnownHostsFile=$W/known_hosts"
  -o StrictHostKeyChecking=yes -o LogLevel=ERROR -o "ProxyCommand=$CLI ssh --stdio %h --kubeconfig $W/full.kubeconfig" ws.devws)
# raw exec: `raw.sh CMD [UPLOAD_BYTES]`; stdin stays open (as ssh keeps it) so the tunnel ends when CMD ends
cat > "$W/raw.sh" <<RAWSH
#!/bin/sh
echo "\$1" > "$W/raw-cmd"
f=\$(mktemp -u "$W/fifo.XXXXXX"); mkfifo "\$f"
( [ -n "\$2" ] && head -c "\$2" /dev/zero; exec sleep 3600 ) > "\$f" &
feeder=\$!
"$CLI" ssh --stdio ws --kubeconfig "$W/raw.kubeconfig" < "\$f"
rc=\$?
kill \$feeder 2>/dev/null; rm -f "\$f"; exit \$rc
RAWSH
chmod +x "$W/raw.sh"
RAW="$W/raw.sh"
