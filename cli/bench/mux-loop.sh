#!/usr/bin/env bash
# config-ssh --multiplex under stress, no cluster (exec test server, see exec-setup.sh): one shared
# connection (ControlMaster auto, ControlPersist, ProxyCommand `devws ssh --stdio --shared`), then N
# rounds of: a 16 MiB upload through it, and `true` over it right after (what ClusterBenchmark does
# before the multiplexed `true` rows), plus pairs of `true` started at the same moment. Counts exit
# codes other than 0 and prints what ssh said for each.
# Usage: cli/bench/mux-loop.sh [ROUNDS]
set -euo pipefail
ROUNDS=${1:-20}
. "$(dirname "$0")/exec-setup.sh"
CM=(-o ControlMaster=auto -o "ControlPath=$W/cm-%C" -o ControlPersist=120
  -o "ProxyCommand=$CLI ssh --stdio --shared %h --kubeconfig $W/full.kubeconfig")
MUX=(ssh "${CM[@]}" "${SSH[@]:1}") # the first value of an option wins: ours, before the shared ProxyCommand
fail=0; runs=0
one() { # label, then the command
  local label=$1; shift
  runs=$((runs + 1))
  local rc=0
  "$@" >"$W/out" 2>"$W/err" || rc=$?
  if [ "$rc" -ne 0 ]; then
    fail=$((fail + 1)); echo "FAIL ($label, exit $rc): $(tr '\n' ' ' < "$W/err")"
  fi
}
head -c $((16 << 20)) /dev/urandom > "$W/payload"
for i in $(seq "$ROUNDS"); do
  one "upload" sh -c "$(printf '%q ' "${MUX[@]}") 'head -c $((16 << 20)) > /dev/null' < $W/payload"
  one "true after upload" "${MUX[@]}" true
  "${MUX[@]}" true >/dev/null 2>"$W/err.a" & a=$!
  "${MUX[@]}" true >/dev/null 2>"$W/err.b" & b=$!
  for p in $a $b; do runs=$((runs + 1)); wait $p || { fail=$((fail + 1)); echo "FAIL (parallel true): $(cat "$W/err.a" "$W/err.b" | tr '\n' ' ')"; }; done
done
"${MUX[@]}" -O exit 2>/dev/null || true
echo "multiplexed: $fail failures in $runs ssh runs ($ROUNDS rounds; load $(cut -d' ' -f1-3 /proc/loadavg))"
