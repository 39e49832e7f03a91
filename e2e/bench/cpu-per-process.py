#!/usr/bin/env python3
"""CPU time per process while one command runs: cpu-per-process.py CMD [ARG...]

Reads utime+stime of every process from /proc/PID/stat before, every 0.2 s during (so that processes
which start and end meanwhile count too) and after CMD, and prints the processes that used the most.
Meant for a cluster on this machine (CI's test cluster, docs/kubernetes-quirks.md): the API server, kubelet, containerd and the
workspace's processes are all local. Used for docs/benchmarks-e2e.md ("Where the CPU goes").
"""
import os
import subprocess
import sys
import threading
import time

HZ = os.sysconf("SC_CLK_TCK")


def snapshot():
    seen = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            fields = stat[stat.rindex(")") + 2:].split()
            ticks = int(fields[11]) + int(fields[12])
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
            seen[pid] = (ticks, cmd[:110] or stat[stat.index("(") + 1:stat.rindex(")")])
        except (OSError, ValueError):
            pass  # the process ended meanwhile
    return seen


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    before = snapshot()
    last = dict(before)
    done = threading.Event()

    def sample():
        while not done.wait(0.2):
            last.update(snapshot())

    sampler = threading.Thread(target=sample)
    sampler.start()
    t0 = time.time()
    rc = subprocess.call(sys.argv[1:])
    wall = time.time() - t0
    done.set()
    sampler.join()
    last.update(snapshot())
    rows = sorted(((ticks - before.get(pid, (0,))[0], pid, cmd) for pid, (ticks, cmd) in last.items()), reverse=True)
    rows = [r for r in rows if r[0] > 1]
    print(f"exit {rc}, wall {wall:.2f} s, CPU of all processes {sum(r[0] for r in rows) / HZ:.2f} s")
    for ticks, pid, cmd in rows[:15]:
        print(f"{ticks / HZ:7.2f} s {pid:>7} {cmd}")


if __name__ == "__main__":
    main()
