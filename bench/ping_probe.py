#!/usr/bin/env python3
"""GET /_ping on one keep-alive connection every 10 ms until killed:  ping_probe.py PORT

Prints, on SIGTERM, the count, the median, the 99th percentile and the longest answer (ms): how
long a cheap request waits while expensive ones run (bench/flood.sh).
"""
import http.client
import signal
import sys
import time

times = []


def report(*_):
    ordered = sorted(times) or [0.0]
    print("%d %.1f %.1f %.1f" % (len(times), ordered[len(ordered) // 2], ordered[int(len(ordered) * 0.99)], ordered[-1]))
    sys.exit(0)


signal.signal(signal.SIGTERM, report)
connection = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=30)
while True:
    begin = time.perf_counter()
    connection.request("GET", "/_ping")
    answer = connection.getresponse()
    answer.read()
    if answer.status != 200:
        sys.stderr.write("/_ping: %d\n" % answer.status)
    times.append((time.perf_counter() - begin) * 1000)
    time.sleep(0.01)
