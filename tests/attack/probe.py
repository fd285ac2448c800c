#!/usr/bin/env python3
"""Request a page twice a second for a while and print the latencies'
p50, p99 and worst, plus how many requests failed.

    probe.py URL SECONDS
"""
import sys
import time
import urllib.request


def main():
    url, seconds = sys.argv[1], float(sys.argv[2])
    times, failures = [], 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                r.read()
                ok = r.status == 200
        except OSError:
            ok = False
        took = time.monotonic() - start
        if ok:
            times.append(took)
        else:
            failures += 1
            times.append(10.0)	# a failed probe counts as the worst case
        time.sleep(max(0.0, 0.5 - took))
    times.sort()
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    print("probes=%d failed=%d p50=%.3f p99=%.3f max=%.3f" %
          (len(times), failures, pick(0.50), pick(0.99), times[-1]))


if __name__ == "__main__":
    main()
