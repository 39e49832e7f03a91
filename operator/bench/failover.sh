#!/usr/bin/env bash
# Leader failover on a real cluster: the chart installed with 2 replicas in OPNS, watching WSNS.
# Deletes the leader's pod (MODE=graceful: kubectl delete; MODE=kill: --grace-period=0 --force, as a
# crash would leave it to the lease expiry) and, right after, applies a new DevWorkspace. Measures
# when the Lease moves, when the new workspace is first reconciled (status written) and when it is
# Running; checks that the workspace already running kept its pod and host-key Secret (same uid) and
# that every workspace has exactly one pod.
# Usage: KUBECONFIG=... operator/bench/failover.sh OPNS WSNS LEASE DEV_IMAGE [MODE]
set -euo pipefail
OPNS=$1 WSNS=$2 LEASE=$3 IMAGE=$4 MODE=${5:-graceful}
now() { date +%s.%N; }
since() { python3 -c "print(f'{$(now) - $1:.1f}')"; }
ws() { # name
  kubectl apply -f - >/dev/null <<YAML
apiVersion: devws.io/v1alpha1
kind: DevWorkspace
metadata: {name: $1, namespace: $WSNS}
spec:
  container: {image: "$IMAGE"}
  storage: {ephemeral: true}
YAML
}
phase() { kubectl -n "$WSNS" get dws "$1" -o jsonpath='{.status.phase}' 2>/dev/null || true; }
await_running() { for _ in $(seq 600); do [ "$(phase "$1")" = Running ] && return 0; sleep 0.5; done; echo "$1 not Running" >&2; return 1; }

ws fo-before
await_running fo-before
secret_uid=$(kubectl -n "$WSNS" get secret fo-before-ssh-hostkey -o jsonpath='{.metadata.uid}')
pod_uid=$(kubectl -n "$WSNS" get pod fo-before -o jsonpath='{.metadata.uid}')
leader=$(kubectl -n "$OPNS" get lease "$LEASE" -o jsonpath='{.spec.holderIdentity}')
echo "leader: $leader; mode: $MODE"

t0=$(now)
if [ "$MODE" = kill ]; then
  kubectl -n "$OPNS" delete pod "$leader" --grace-period=0 --force --wait=false >/dev/null 2>&1
else
  kubectl -n "$OPNS" delete pod "$leader" --wait=false >/dev/null
fi
ws fo-during
t_lease="" t_rec="" t_ready=""
for _ in $(seq 1200); do
  holder=$(kubectl -n "$OPNS" get lease "$LEASE" -o jsonpath='{.spec.holderIdentity}' 2>/dev/null || true)
  [ -z "$t_lease" ] && [ -n "$holder" ] && [ "$holder" != "$leader" ] && t_lease=$(since "$t0") && echo "lease moved to $holder after ${t_lease} s"
  p=$(phase fo-during)
  [ -z "$t_rec" ] && [ -n "$p" ] && t_rec=$(since "$t0") && echo "fo-during first reconciled ($p) after ${t_rec} s"
  [ "$p" = Running ] && t_ready=$(since "$t0") && echo "fo-during Running after ${t_ready} s" && break
  sleep 0.25
done
[ -n "$t_ready" ] || { echo "fo-during never became Running" >&2; exit 1; }
sleep 5
[ "$(kubectl -n "$WSNS" get secret fo-before-ssh-hostkey -o jsonpath='{.metadata.uid}')" = "$secret_uid" ] \
  && echo "host-key Secret of fo-before: same uid (not regenerated)" || { echo "host-key Secret regenerated" >&2; exit 1; }
[ "$(kubectl -n "$WSNS" get pod fo-before -o jsonpath='{.metadata.uid}')" = "$pod_uid" ] \
  && echo "pod of fo-before: same uid (not recreated)" || { echo "pod of fo-before recreated" >&2; exit 1; }
pods=$(kubectl -n "$WSNS" get pods -l 'devws.io/workspace in (fo-before,fo-during)' --no-headers | wc -l)
echo "pods of fo-before and fo-during: $pods"
[ "$pods" -eq 2 ] || { kubectl -n "$WSNS" get pods >&2; exit 1; }
echo "RESULT mode=$MODE lease=${t_lease:-n/a}s reconciled=${t_rec}s running=${t_ready}s"
kubectl -n "$WSNS" delete dws fo-before fo-during --wait=true >/dev/null
