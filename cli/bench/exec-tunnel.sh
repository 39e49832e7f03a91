#!/usr/bin/env bash
# Exec tunnel benchmark, no cluster: the exec test server (real pods/exec WebSocket, v4.channel.k8s.io)
# serves two "pods". In "raw" the sidecar container's devws-sidecar is a stand-in that runs a plain
# command (cat-like), so `devws ssh --stdio raw` measures the bare Fabric8 exec hop; in "full" it is
# the real sidecar (daemon + kube executor), measured through OpenSSH: ssh -> devws ssh --stdio ->
# exec -> ssh-server --stdio -> daemon -> exec -> command in the "dev container".
# Needs: mvn -pl sidecar,cli package (and the sidecar test classes), openssh-client, hyperfine, python3.
# Usage: cli/bench/exec-tunnel.sh [RUNS] [MiB]   (Markdown to stdout)
set -euo pipefail
RUNS=${1:-10}
MIB=${2:-128}
BYTES=$((MIB * 1024 * 1024))
. "$(dirname "$0")/exec-setup.sh"
q() { printf '%q ' "$@"; }

for _ in 1 2 3; do "${SSH[@]}" true; "$RAW" true; done  # warm-up

echo "# Exec tunnel ($(date -u +%F), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)${SSH_OPTS:+, ssh $SSH_OPTS})"
echo
echo "## Time to first output (hyperfine, $RUNS runs)"
hyperfine -w 1 -r "$RUNS" --export-json "$W/ttfo.json" \
  -n "raw exec true (devws ssh --stdio, stand-in sidecar)" "$RAW true" \
  -n "full tunnel: ssh ws.devws true" "$(q "${SSH[@]}" true)" >"$W/ttfo.txt" 2>&1 || cat "$W/ttfo.txt" >&2
python3 - "$W/ttfo.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print("| path | median ms | mean ms | stddev ms |\n|---|---|---|---|")
for x in r:
    print("| %s | %.0f | %.0f | %.0f |" % (x["command"], x["median"] * 1000, x["mean"] * 1000, x["stddev"] * 1000))
print("\nfull / raw (median): %.2f" % (r[1]["median"] / r[0]["median"]))
PY

best() { # best wall time of 3 runs of a shell command line
  local b=""
  for _ in 1 2 3; do
    t=$( { /usr/bin/time -f %e sh -c "$1" >/dev/null; } 2>&1 | tail -1)
    b=$(python3 -c "print(min(float('$t'), float('${b:-1e9}')))")
  done
  echo "$b"
}
echo
echo "## Throughput, $MIB MiB (best of 3, wall time incl. connection set-up)"
raw_down=$(best "$RAW 'head -c $BYTES /dev/zero'")
raw_up=$(best "$RAW 'head -c $BYTES > /dev/null' $BYTES")
full_down=$(best "$(q "${SSH[@]}" "head -c $BYTES /dev/zero")")
full_up=$(best "head -c $BYTES /dev/zero | $(q "${SSH[@]}" "head -c $BYTES > /dev/null")")
python3 - "$MIB" "$W/ttfo.json" "$raw_down" "$raw_up" "$full_down" "$full_up" <<'PY'
import json, sys
mib = float(sys.argv[1]); r = json.load(open(sys.argv[2]))["results"]
c_raw, c_full = r[0]["median"], r[1]["median"]
rd, ru, fd, fu = map(float, sys.argv[3:])
print("| path | download | upload | download, set-up subtracted | upload, set-up subtracted |\n|---|---|---|---|---|")
row = "| %s | %.2f s (%.0f MiB/s) | %.2f s (%.0f MiB/s) | %.0f MiB/s | %.0f MiB/s |"
print(row % ("raw exec (stand-in sidecar: head)", rd, mib / rd, ru, mib / ru, mib / max(rd - c_raw, 0.01), mib / max(ru - c_raw, 0.01)))
print(row % ("full tunnel (ssh ws.devws head ...)", fd, mib / fd, fu, mib / fu, mib / max(fd - c_full, 0.01), mib / max(fu - c_full, 0.01)))
print("\nfull / raw throughput, wall time: download %.2f, upload %.2f; set-up subtracted: download %.2f, upload %.2f (target >= 0.8)"
      % (rd / fd, ru / fu, (rd - c_raw) / (fd - c_full), (ru - c_raw) / (fu - c_full)))
PY
