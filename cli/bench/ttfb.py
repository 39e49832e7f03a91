#!/usr/bin/env python3
"""Time to first byte on stdout of a command (e.g. a ProxyCommand), median of N runs.

usage: ttfb.py N command [args...]   (stdin is kept open and idle, as ssh does with a ProxyCommand)
"""
import os
import statistics
import subprocess
import sys
import time

def once(argv):
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    first = p.stdout.read(1)
    elapsed = time.perf_counter() - start
    p.stdin.close()
    p.terminate()
    p.wait()
    if not first:
        raise SystemExit("no output from " + " ".join(argv))
    return elapsed * 1000

def main():
    n = int(sys.argv[1])
    argv = sys.argv[2:]
    once(argv)  # warm the page cache
    samples = sorted(once(argv) for _ in range(n))
    print("median %.0f ms  min %.0f ms  max %.0f ms  (n=%d)" % (statistics.median(samples), samples[0], samples[-1], n))

main()
