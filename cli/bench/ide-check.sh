#!/usr/bin/env bash
# What `devws code`'s SSH-side check costs (issue 13), no cluster (exec test server, see exec-setup.sh), side
# by side in one run (hyperfine runs the commands one after the other, each warmed up twice):
#  - `ssh HOST true` through config-ssh's config and the tunnel agent: the connection any IDE makes anyway;
#  - `ssh -G HOST`: the config check alone;
#  - `devws status ws`: the same JVM start and workspace look-up without any ssh, the baseline of the CLI part;
#  - `devws code ws` whole (JVM start, the workspace look-up, ssh -G, ssh HOST true, then a `code` that only
#    records its argv: VS Code itself is not run).
# Usage: cli/bench/ide-check.sh [RUNS]
set -euo pipefail
RUNS=${1:-10}
. "$(dirname "$0")/exec-setup.sh"
"$CLI" config-ssh >/dev/null # KUBECONFIG (exec-setup.sh) names the exec test server
mkdir -p "$W/bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" > %s\n' "$W/argv" > "$W/bin/code"
chmod +x "$W/bin/code"
CFG="$HOME/.ssh/config"
ssh -F "$CFG" -o BatchMode=yes ws.team.devws true # starts the tunnel agent
for _ in $(seq 300); do [ -S "$W/xdg/devws/agent.sock" ] && break; sleep 0.1; done
PATH="$W/bin:$PATH" "$CLI" code ws >/dev/null
grep -qx "ssh-remote+ws.team.devws" "$W/argv"
echo "# devws code: the SSH-side check ($(date -u +'%F %H:%M') UTC, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1))"
PATH="$W/bin:$PATH" hyperfine -N -w 2 -r "$RUNS" --export-markdown "$W/ide.md" \
  -n "ssh HOST true" "ssh -F $CFG -o BatchMode=yes ws.team.devws true" \
  -n "ssh -G HOST" "ssh -G -F $CFG ws.team.devws" \
  -n "devws status ws" "$CLI status ws" \
  -n "devws code ws" "$CLI code ws" >/dev/null
cat "$W/ide.md"
