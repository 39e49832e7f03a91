#!/usr/bin/env bash
# What pinning the status host key costs each connection (issue 13), no cluster (exec test server, see
# exec-setup.sh), side by side with a build without it, all in one run:
#  - time to first byte of the ProxyCommand alone (`devws ssh --stdio ws.devws`, the SSH banner, which
#    comes only after the key is pinned), through the tunnel agent and in-process (DEVWS_AGENT=off);
#  - `ssh ws.devws true` through the agent (hyperfine).
# The runs alternate between the two builds, so load drifts hit both alike.
# Usage: cli/bench/hostkey-pin.sh BASE_CLI_DIR [RUNS]  (BASE_CLI_DIR: cli/target of the build to compare
# with, e.g. of main: git worktree add /tmp/base main && (cd /tmp/base && mvn -B -pl cli -am package -DskipTests))
set -euo pipefail
BASE_SRC=$1
RUNS=${2:-20}
. "$(dirname "$0")/exec-setup.sh"
mkdir -p "$W/base"
cp -r "$BASE_SRC/devws" "$BASE_SRC/lib" "$W/base/"
BASE="$W/base/devws"
KC="$W/full.kubeconfig"
# config-ssh once: the managed known_hosts holds the status key, as for any user after config-ssh
"$CLI" config-ssh --kubeconfig "$KC" >/dev/null
grep -q "ws.team.devws,ws.devws $(cut -d' ' -f1-2 "$W/hostkey.pub")" "$HOME/.ssh/devws/known_hosts"
# each build its own agent (an agent retires when a client of another build comes)
mkdir -p "$W/xdg-base"
new() { XDG_RUNTIME_DIR="$W/xdg" "$@"; }
base() { XDG_RUNTIME_DIR="$W/xdg-base" "$@"; }
SSH_BASE=("${SSH[@]/#ProxyCommand=$CLI/ProxyCommand=$BASE}")
for b in new base; do
  if [ "$b" = base ]; then cmd=("${SSH_BASE[@]}"); xdg="$W/xdg-base"; else cmd=("${SSH[@]}"); xdg="$W/xdg"; fi
  $b "${cmd[@]}" true
  for _ in $(seq 300); do [ -S "$xdg/devws/agent.sock" ] && break; sleep 0.1; done
  for _ in 1 2 3; do $b "${cmd[@]}" true; done # warm each agent's JIT a little
done

echo "# Host key pinning per connection ($(date -u +'%F %H:%M') UTC, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1))"
echo
echo "## ProxyCommand time to first byte, ms (alternating runs, $RUNS each)"
python3 - "$RUNS" "$W" "$CLI" "$BASE" "$KC" <<'PY'
import os, statistics, subprocess, sys, time
runs, w, new, base, kc = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
def once(cli, xdg, agent):
    env = dict(os.environ, XDG_RUNTIME_DIR=xdg, DEVWS_AGENT=agent)
    t = time.perf_counter()
    p = subprocess.Popen([cli, "ssh", "--stdio", "ws.devws", "--kubeconfig", kc], env=env,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    first = p.stdout.read(1)
    ms = (time.perf_counter() - t) * 1000
    p.stdin.close(); p.terminate(); p.wait()
    if not first:
        raise SystemExit("no banner from " + cli)
    return ms
configs = [("through the agent", "on"), ("in-process (DEVWS_AGENT=off)", "off")]
print("| path | without pinning (base) median | with pinning median | difference | base min | pinning min |")
print("|---|---:|---:|---:|---:|---:|")
for name, agent in configs:
    a, b = [], []
    for i in range(runs):
        order = [(base, w + "/xdg-base", a), (new, w + "/xdg", b)]
        if i % 2:
            order.reverse()
        for cli, xdg, out in order:
            out.append(once(cli, xdg, agent))
    ma, mb = statistics.median(a), statistics.median(b)
    print("| %s | %.0f | %.0f | %+.0f | %.0f | %.0f |" % (name, ma, mb, mb - ma, min(a), min(b)))
PY
echo
echo "## ssh ws.devws true through the agent (hyperfine, $RUNS runs each)"
hyperfine -N -w 2 -r "$RUNS" --export-markdown "$W/ssh.md" \
  -n "without pinning (base)" "env XDG_RUNTIME_DIR=$W/xdg-base $(printf '%q ' "${SSH_BASE[@]}") true" \
  -n "with pinning" "env XDG_RUNTIME_DIR=$W/xdg $(printf '%q ' "${SSH[@]}") true" >/dev/null 2>"$W/hf.err" || cat "$W/hf.err" >&2
cat "$W/ssh.md"
echo
echo "known_hosts untouched by the runs: $(grep -c . "$HOME/.ssh/devws/known_hosts") lines, $(stat -c %y "$HOME/.ssh/devws/known_hosts")"
