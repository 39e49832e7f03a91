#!/usr/bin/env bash
# operator/bench/run-benchmark.sh - 500 DevWorkspaces at once against the Fabric8 mock API server.
# Builds the operator jar with the "bench" profile (server-side apply off: the mock server answers 415
# to it; everything else is the production build) into operator/target/bench-app, then runs
# OperatorBenchmarkIT: it starts the mock server, runs that jar as its own JVM, creates the workspaces
# with 16 threads, and measures the time until all pods exist and all statuses are set, and the
# operator's RSS (VmHWM). Default JVM flags: -XX:MaxRAM=512m -XX:MaxRAMPercentage=30, i.e. a JVM in a
# 512Mi container (the chart's limit; the JVM picks SerialGC there) with a 30% heap (about 150 MiB).
# Result: operator/target/benchmark-operator.txt. Environment: DEVWS_BENCH_COUNT (default 500),
# DEVWS_BENCH_JVM (operator JVM flags), SKIP_BUILD=1 (reuse the bench jar).
set -euo pipefail
cd "$(dirname "$0")/../.."
MVN=(mvn -B -o -q)
LOCK=(flock /tmp/devws-mvn.lock)
command -v flock >/dev/null || LOCK=()
[ -n "${SKIP_BUILD:-}" ] || \
  "${LOCK[@]}" "${MVN[@]}" -pl operator package -DskipTests -Dquarkus.profile=bench -Dquarkus.package.output-directory=bench-app
"${LOCK[@]}" "${MVN[@]}" -pl operator verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=OperatorBenchmarkIT -Ddevws.bench=true -Ddevws.bench.count="${DEVWS_BENCH_COUNT:-500}" \
  -Ddevws.bench.jvm="${DEVWS_BENCH_JVM:--XX:MaxRAM=512m -XX:MaxRAMPercentage=30}"
cat operator/target/benchmark-operator.txt
