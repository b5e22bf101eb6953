#!/usr/bin/env bash
# Expensive requests against cheap ones:  bench/flood.sh FORM...
#
# Each FORM is a build of the service, as in bench/compare.sh (a native *-runner, or a quarkus-app
# directory). For each, in ROUNDS alternating rounds: starts it on a generated JSON catalog of
# IMAGES images, and as soon as /_ping answers (a cold start: no index built, no answer kept) floods
# it for DURATION seconds with distinct filtered queries (bench/flood.lua: every one a cache miss,
# half reference filters, half label filters; wrk, 2 threads, CONNECTIONS connections) while
# bench/ping_probe.py asks /_ping every 10 ms on a connection of its own. Prints requests/s, the
# flood's p50, p99 and longest request, /_ping's median, p99 and longest, and RSS before and after.
# The goals (issue 23): no request over 1 s, /_ping at most 50 ms throughout, RSS below +300 MB.
#
# Environment: IMAGES (100000), ROUNDS (1), DURATION (20), CONNECTIONS (8), JAVA (java), JAVA_OPTS
# (the JVM forms' options), APP_ENV (extra environment for the forms), PORT (18482). Needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGES=${IMAGES:-100000}
ROUNDS=${ROUNDS:-1}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-8}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
APP_ENV=${APP_ENV:-}
PORT=${PORT:-18482}
[ $# -gt 0 ] || { sed -n '2,15p' "$0"; exit 2; }

. bench/lib.sh flood
need wrk
command_of() { if [ -d "$1" ]; then echo "$JAVA $JAVA_OPTS -jar $1/quarkus-run.jar"; else echo "$1"; fi; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

java bench/GenerateCatalog.java "$IMAGES" "$WORK/catalog.json" > /dev/null
printf 'flood of distinct filtered queries, %s images (JSON), %s connections, %s s, %s cores\n' "$IMAGES" "$CONNECTIONS" "$DURATION" "$(nproc)"
printf '%-50s %5s %8s %8s %8s %8s %22s %14s\n' form round "req/s" "p50 ms" "p99 ms" "max ms" "/_ping p50/p99/max ms" "RSS MB"
for round in $(seq "$ROUNDS"); do
  for form in "$@"; do
    # shellcheck disable=SC2086
    env CATALOG_PATH="$WORK/catalog.json" QUARKUS_HTTP_PORT="$PORT" QUARKUS_MANAGEMENT_PORT=0 $APP_ENV $(command_of "$form") > "$WORK/app.log" 2>&1 &
    APP_PID=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$PORT/_ping"; do
      kill -0 "$APP_PID" 2>/dev/null || { echo "$form exited:" >&2; cat "$WORK/app.log" >&2; exit 1; }
      sleep 0.05
    done
    before=$(rss_mb "$APP_PID")
    python3 bench/ping_probe.py "$PORT" > "$WORK/probe.txt" & PROBE_PID=$!
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -s bench/flood.lua "http://127.0.0.1:$PORT" > "$WORK/wrk.txt" 2>&1
    kill "$PROBE_PID"; wait "$PROBE_PID" || true; PROBE_PID=""
    after=$(rss_mb "$APP_PID")
    kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
    if grep -q -e "Non-2xx" -e "Socket errors" "$WORK/wrk.txt"; then echo "wrk saw errors:" >&2; cat "$WORK/wrk.txt" >&2; exit 1; fi
    read -r rps p50 p99 max < <(awk '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Latency" && $2 != "Distribution" { max = ms($4) }
      END { printf "%.0f %.0f %.0f %.0f\n", rps, p50, p99, max }' "$WORK/wrk.txt")
    read -r _ pp50 pp99 pmax < "$WORK/probe.txt"
    printf '%-50s %5s %8s %8s %8s %8s %22s %14s\n' "$form" "$round" "$rps" "$p50" "$p99" "$max" "$pp50/$pp99/$pmax" "$before -> $after"
  done
done
