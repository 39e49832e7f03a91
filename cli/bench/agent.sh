#!/usr/bin/env bash
# The tunnel agent benchmark, no cluster (exec test server, see exec-setup.sh), all configurations
# side by side in one run:
#  - `ssh ws.devws true` on a new connection, time to exit: through the agent (the default once one
#    runs), today's JVM-per-connection ProxyCommand (DEVWS_AGENT=off), and the first connection with
#    no agent running (in-process, and it starts the agent);
#  - time to first byte of the ProxyCommand alone (`devws ssh --stdio`, the SSH banner), same three;
#  - the thin client's own start (no agent: it exits 75 at once): JVM with its class-data archive,
#    without it, and a non-JVM floor (socat connecting to a Unix socket).
# Needs what exec-tunnel.sh needs. Usage: cli/bench/agent.sh [RUNS]   (Markdown to stdout)
set -euo pipefail
RUNS=${1:-20}
. "$(dirname "$0")/exec-setup.sh"
q() { printf '%q ' "$@"; }
FULL=(--kubeconfig "$W/full.kubeconfig")
start_agent() { # the agent up and answering, as after a first connection
  "${SSH[@]}" true
  for _ in $(seq 300); do [ -S "$W/xdg/devws/agent.sock" ] && "$CLI" agent status >/dev/null 2>&1 && return; sleep 0.1; done
  echo "agent did not start" >&2; exit 1
}
for _ in 1 2 3; do DEVWS_AGENT=off "${SSH[@]}" true; done
start_agent
for _ in 1 2 3; do "${SSH[@]}" true; done # warm the agent's JIT a little, as any user's first minutes do

echo "# Tunnel agent ($(date -u +'%F %H:%M') UTC, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1))"
echo
echo "## ssh ws.devws true, new connection, time to exit (hyperfine, $RUNS runs each)"
# hyperfine runs one command's runs back to back; -N: no intermediate shell
hyperfine -N -w 2 -r "$RUNS" --export-json "$W/true.json" \
  -n "agent running (default)" "$(q "${SSH[@]}" true)" \
  -n "no agent: JVM per connection (DEVWS_AGENT=off, before this work)" "env DEVWS_AGENT=off $(q "${SSH[@]}" true)" \
  >"$W/true.txt" 2>&1 || cat "$W/true.txt" >&2
# the first connection: no agent; it works in-process and starts one (killed again before the next run);
# a loop of our own, so that a failure is reported with what ssh said instead of ending the run
python3 - "$W/first.json" "$RUNS" "$W/xdg/devws" "${SSH[@]}" true <<'PY'
import json, os, shutil, signal, subprocess, sys, time
out, runs, agent_dir, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
def stop_agent():
    pid = os.path.join(agent_dir, "agent.pid")
    if os.path.exists(pid):
        try: os.kill(int(open(pid).read()), signal.SIGKILL)
        except (ProcessLookupError, ValueError): pass
    shutil.rmtree(agent_dir, ignore_errors=True)
def stats(name, times):
    times = sorted(times)
    med = times[len(times) // 2] if times else float("nan")
    mean = sum(times) / len(times) if times else float("nan")
    sd = (sum((x - mean) ** 2 for x in times) / max(len(times) - 1, 1)) ** 0.5 if times else float("nan")
    return {"command": name, "median": med, "mean": mean, "min": times[0] if times else float("nan"), "stddev": sd}
first, off, failures = [], [], []
off_env = dict(os.environ, DEVWS_AGENT="off")
for i in range(runs + 1):
    # round-robin: a first connection (no agent) and a JVM-per-connection one, each after the same pause
    for times, env in ((first, None), (off, off_env)):
        stop_agent(); time.sleep(2)  # also lets an agent the last run started come up and be killed
        stop_agent(); time.sleep(0.5)
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, env=env)
        t = time.perf_counter() - t0
        if p.returncode != 0:
            failures.append("exit %d: %s" % (p.returncode, p.stderr.decode().strip()))
        elif i > 0:
            times.append(t)
json.dump({"results": [stats("first connection, no agent running (starts one)", first),
                       stats("JVM per connection, same loop as the row above (DEVWS_AGENT=off)", off)],
           "failures": failures}, open(out, "w"))
PY
start_agent
python3 - "$W/true.json" "$W/first.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"] + json.load(open(sys.argv[2]))["results"]
print("| path | median ms | mean ms | min ms | stddev ms |\n|---|---|---|---|---|")
for x in r:
    print("| %s | %.0f | %.0f | %.0f | %.0f |" % (x["command"], x["median"] * 1000, x["mean"] * 1000, x["min"] * 1000, x["stddev"] * 1000))
print("\nagent / JVM per connection (median, hyperfine rows): %.2f; first connection / JVM per connection"
      " (median, the round-robin rows): %.2f" % (r[0]["median"] / r[1]["median"], r[2]["median"] / r[3]["median"]))
for f in json.load(open(sys.argv[2]))["failures"]:
    print("\nfirst-connection failure: " + f)
PY

echo
echo "## Time to first byte of the ProxyCommand (the SSH banner), ttfb.py, n=$RUNS"
echo
echo "| path | result |"
echo "|---|---|"
TTFB="$(dirname "$0")/ttfb.py"
echo "| agent running | $(python3 "$TTFB" "$RUNS" "$CLI" ssh --stdio ws.devws "${FULL[@]}") |"
echo "| JVM per connection (DEVWS_AGENT=off) | $(DEVWS_AGENT=off python3 "$TTFB" "$RUNS" "$CLI" ssh --stdio ws.devws "${FULL[@]}") |"

echo
echo "## The thin client's start alone (no agent listening: connect fails, exit 75), hyperfine, $RUNS runs"
JAVA=java
TCP="$W/cli/lib/devws-cli.jar:$(ls "$W"/cli/lib/devws-transport-*.jar)"
THIN=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xmx32m -Xss512k -Xlog:disable -Xlog:all=error:stderr)
mkdir -p "$W/nobody"
python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(64); import time; time.sleep(3600)" "$W/nobody/listen.sock" &
PIDS+=($!)
sleep 0.5
hyperfine -N -w 3 -r "$RUNS" -i --export-json "$W/thin.json" \
  -n "thin JVM + AppCDS (lib/devws-thin.jsa)" "env XDG_RUNTIME_DIR=$W/nobody $JAVA ${THIN[*]} -XX:SharedArchiveFile=$W/cli/lib/devws-thin.jsa -cp $TCP io.devws.cli.agent.ThinClient ssh --stdio ws" \
  -n "thin JVM, JDK archive only" "env XDG_RUNTIME_DIR=$W/nobody $JAVA ${THIN[*]} -cp $TCP io.devws.cli.agent.ThinClient ssh --stdio ws" \
  -n "non-JVM floor: socat connect to a Unix socket" "socat -u /dev/null UNIX-CONNECT:$W/nobody/listen.sock" \
  >"$W/thin.txt" 2>&1 || cat "$W/thin.txt" >&2
python3 - "$W/thin.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print("| process | median ms | min ms |\n|---|---|---|")
for x in r:
    print("| %s | %.1f | %.1f |" % (x["command"], x["median"] * 1000, x["min"] * 1000))
PY
echo
echo "agent log:"; sed 's/^/    /' "$W/xdg/devws/agent.log" | tail -5
