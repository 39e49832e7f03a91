#!/usr/bin/env python3
"""1-byte round-trip latency through an SSH command: writes one byte to `ssh ... cat`, waits for
its echo, N times. Prints the median and p90 in microseconds. Usage: rtt.py N ssh ARGS..."""
import os
import statistics
import subprocess
import sys
import time

n = int(sys.argv[1])
p = subprocess.Popen(sys.argv[2:] + ["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
fin, fout = p.stdin.fileno(), p.stdout.fileno()


def once():
    t = time.perf_counter_ns()
    os.write(fin, b"x")
    if os.read(fout, 1) != b"x":
        raise SystemExit("echo mismatch")
    return (time.perf_counter_ns() - t) / 1000.0


for _ in range(200):  # warm-up: connection set up, JIT
    once()
samples = sorted(once() for _ in range(n))
p.stdin.close()
p.wait()
print("median_us=%.0f p90_us=%.0f" % (statistics.median(samples), samples[int(len(samples) * 0.9)]))
