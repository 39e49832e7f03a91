#!/usr/bin/env bash
# The sidecar daemon's memory in a real workspace pod, several configurations side by side in the same
# devws-sshd container at the same time: each runs as an extra daemon on its own socket (the workspace's own
# daemon is left alone), gets the same connections (5 x `true`, then a 64 MiB upload and a 64 MiB download),
# and its VmRSS is read after each phase and 45 s of idleness.
# Needs: KUBECONFIG, a running workspace (devws up NAME), openssh-client, and an SSH key the workspace accepts
# (devws config-ssh writes ~/.ssh/devws/id_ed25519).
# Usage: sidecar/bench/pod-memory.sh WORKSPACE NAMESPACE NAME=[ENV...] [NAME=[ENV...]]...
#   ENV: variable assignments for that daemon, e.g. new= bc=DEVWS_JAVA_OPTS=-Dorg.apache.sshd.security.provider.BC.enabled=true
#   DEVWS_BENCH_OLD=DIR (a sidecar/target folder of another build: devws-sidecar, devws-relay.pl, lib/) adds a
#   configuration "old" that runs that build's launcher, copied into the container's /tmp/old.
#   DEVWS_BENCH_KEY (default ~/.ssh/devws/id_ed25519).
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,13p "$0" >&2; exit 2; }
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
ssh_to() { ssh -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes \
  -o IdentitiesOnly=yes -i "$KEY" -o "ProxyCommand=kubectl exec -i $WS -n $NS -c devws-sshd -- devws-sidecar ssh-server --stdio --socket /tmp/bench-$1.sock" x "$2"; }
# the daemon's pid inside the container, found by its socket argument (never by a pattern that matches pid 1)
rss() { "${KX[@]}" sh -c "for p in /proc/[0-9]*; do cat \$p/cmdline 2>/dev/null | tr '\\0' ' ' | grep -q -- 'Main serv[e] --socket /tmp/bench-$1.sock' && awk '/VmRSS/ {print int(\$2/1024)}' \$p/status; done | head -1"; }
names=()
for c in "${configs[@]}"; do
  name=${c%%=*}; envs=${c#*=}; names+=("$name")
  launcher=devws-sidecar
  case "$envs" in LAUNCHER=*) launcher=${envs#LAUNCHER=}; envs="";; esac
  "${KX[@]}" sh -c "rm -f /tmp/bench-$name.sock; $envs DEVWS_AGENT_DIR=/tmp/bench-agent-$name nohup $launcher serve --socket /tmp/bench-$name.sock >/tmp/bench-$name.log 2>&1 &"
done
for n in "${names[@]}"; do for _ in $(seq 100); do "${KX[@]}" test -S "/tmp/bench-$n.sock" && break; sleep 0.3; done; done
for n in "${names[@]}"; do for _ in 1 2 3 4 5; do ssh_to "$n" true; done; done
sleep 45
declare -A idle
for n in "${names[@]}"; do idle[$n]=$(rss "$n"); done
for n in "${names[@]}"; do ssh_to "$n" 'cat > /dev/null' < "$W/up"; ssh_to "$n" 'head -c 67108864 /dev/zero' > /dev/null; done
sleep 45
echo "| daemon | RSS after 5 connections (MiB) | RSS after 64 MiB up and down (MiB) |"
echo "|---|---|---|"
for n in "${names[@]}"; do echo "| $n | ${idle[$n]} | $(rss "$n") |"; done
for n in "${names[@]}"; do
  "${KX[@]}" sh -c "for p in /proc/[0-9]*; do cat \$p/cmdline 2>/dev/null | tr '\\0' ' ' | grep -q -- 'Main serv[e] --socket /tmp/bench-$n.sock' && kill \${p#/proc/}; done; true"
done
