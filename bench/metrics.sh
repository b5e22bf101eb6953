#!/usr/bin/env bash
# What request metrics cost on the fast path:  bench/metrics.sh [FORM]
#
# FORM is a build of the service: a quarkus-app directory (default target/quarkus-app, run with
# JAVA, default java) or a native binary (a *-runner). Starts it twice on the same generated
# catalog, one with request metrics
# (the default) and one with API_REQUEST_METRICS=false, and loads their unfiltered route in turns
# (ROUNDS times each, alternating, after a warm-up of each), in one run: the machine's noise falls
# on both alike. Prints each round's requests/s and p99, the medians, and their ratio
# (metrics on / off; issue 23's budget is >= 0.97). Then reads one scrape of /q/metrics to show that the
# load was counted.
#
# Environment: IMAGES (10000), ROUNDS (5), DURATION (wrk seconds per round, 8), CONNECTIONS (8),
# GZIP (false: plain; true: Accept-Encoding: gzip, as the docker CLI sends). Needs wrk (installed
# from Debian's packages if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGES=${IMAGES:-10000}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-8}
CONNECTIONS=${CONNECTIONS:-8}
GZIP=${GZIP:-false}
JAVA=${JAVA:-java}
FORM=${1:-target/quarkus-app}
. bench/lib.sh metrics
need wrk
if [ -d "$FORM" ]; then
  [ -f "$FORM/quarkus-run.jar" ] || ./mvnw -B -q package -DskipTests
  APP=("$JAVA" -jar "$FORM/quarkus-run.jar")
else
  APP=("$FORM")
fi
java bench/GenerateCatalog.java "$IMAGES" "$WORK/catalog.json"

start() { # port management-port request-metrics
  CATALOG_PATH="$WORK/catalog.json" QUARKUS_HTTP_PORT="$1" QUARKUS_MANAGEMENT_PORT="$2" API_REQUEST_METRICS="$3" \
    "${APP[@]}" > "$WORK/app-$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/images/json" && return
    sleep 0.1
  done
  echo "the application on $1 did not answer:" >&2; cat "$WORK/app-$1.log" >&2; exit 1
}
start 18180 18190 true
start 18280 18290 false

header=()
[ "$GZIP" = true ] && header=(-H "Accept-Encoding: gzip")
run() { # port seconds -> "req/s p99ms"
  wrk -t2 -c"$CONNECTIONS" -d"$2s" --latency "${header[@]}" "http://127.0.0.1:$1/images/json" > "$WORK/wrk.txt" 2>&1
  awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
       /Requests\/sec/ { rps = $2 } $1 == "99%" { p99 = ms($2) } END { printf "%.0f %.2f", rps, p99 }' "$WORK/wrk.txt"
}

run 18180 3 > /dev/null; run 18280 3 > /dev/null # warm-up: the JIT, the stored answer, its gzip form
on=(); off=()
printf '\nrequest metrics on the unfiltered route: %s, %s images, wrk -t2 -c%s -d%ss, gzip=%s, %s cores\n' "$FORM" "$IMAGES" "$CONNECTIONS" "$DURATION" "$GZIP" "$(nproc)"
printf '%6s %22s %22s\n' round "metrics on req/s p99" "metrics off req/s p99"
for r in $(seq "$ROUNDS"); do
  if (( r % 2 )); then a=$(run 18180 "$DURATION"); b=$(run 18280 "$DURATION"); else b=$(run 18280 "$DURATION"); a=$(run 18180 "$DURATION"); fi
  on+=("${a%% *}"); off+=("${b%% *}")
  printf '%6s %22s %22s\n' "$r" "$a" "$b"
done
m_on=$(median "${on[@]}"); m_off=$(median "${off[@]}")
printf 'median  on %s req/s, off %s req/s: ratio on/off %s (budget >= 0.97)\n' "$m_on" "$m_off" "$(awk -v a="$m_on" -v b="$m_off" 'BEGIN { printf "%.3f", a / b }')"
curl -s http://127.0.0.1:18190/q/metrics | grep '^http_server_requests_seconds_count' | head -3
