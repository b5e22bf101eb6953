#!/usr/bin/env bash
# Before and after, in one run:  bench/compare.sh FORM...
#
# Each FORM is a build of the service: a native binary (path to the *-runner) or a JVM package (a
# quarkus-app directory, run with JAVA, default java). For each form, in ROUNDS alternating rounds,
# it starts the form on one catalog, times the first answer after exec, then loads GET /images/json
# with wrk (2 threads, CONNECTIONS keep-alive connections, DURATION seconds, after WARMUP seconds)
# and loads nginx serving the very same bytes right after it, so that every ratio is of two loads a
# few seconds apart on the same machine. Requests carry Accept-Encoding: gzip unless GZIP=0, as real
# clients send; nginx then serves the same gzip bytes (gzip_static). Prints one line per form and
# round: first answer (ms), requests/s, RSS after the load (MB), nginx's requests/s, the ratio.
#
# Environment: IMAGES (sample: the bundled catalog; a number: a generated catalog of that many
# images, bench/GenerateCatalog.java), SNAPSHOT (1: that catalog compiled into a snapshot first),
# ROUNDS (2), DURATION (5), WARMUP (2), CONNECTIONS (16), GZIP (1), TARGET (/images/json),
# APP_ENV (extra environment for the forms, e.g. "API_REQUEST_METRICS=false"), PORT (18480),
# STATIC_PORT (18481). Needs wrk and nginx.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGES=${IMAGES:-sample}
SNAPSHOT=${SNAPSHOT:-0}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-2}
CONNECTIONS=${CONNECTIONS:-16}
GZIP=${GZIP:-1}
TARGET=${TARGET:-/images/json}
APP_ENV=${APP_ENV:-}
PORT=${PORT:-18480}
STATIC_PORT=${STATIC_PORT:-18481}
JAVA=${JAVA:-java}
[ $# -gt 0 ] || { sed -n '2,17p' "$0"; exit 2; }

. bench/lib.sh compare
need wrk
need nginx nginx-light

command_of() { if [ -d "$1" ]; then echo "$JAVA -jar $1/quarkus-run.jar"; else echo "$1"; fi; }

CATALOG=""
if [ "$IMAGES" != sample ]; then
  java bench/GenerateCatalog.java "$IMAGES" "$WORK/catalog.json" > /dev/null
  CATALOG="$WORK/catalog.json"
  if [ "$SNAPSHOT" = 1 ]; then
    $(command_of "$1") compile-catalog "$CATALOG" "$WORK/catalog.snapshot" > /dev/null
    CATALOG="$WORK/catalog.snapshot"
  fi
fi

start_app() { # form -> sets FIRST_MS (exec to the first whole answer of TARGET, bench/first_answer.py) and APP_PID
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "port $PORT is taken" >&2; exit 1; fi
  local out
  # shellcheck disable=SC2086
  out=$(env ${CATALOG:+CATALOG_PATH=$CATALOG} QUARKUS_HTTP_PORT="$PORT" QUARKUS_MANAGEMENT_PORT=0 $APP_ENV \
    python3 bench/first_answer.py "$PORT" "$TARGET" $(command_of "$1")) || { echo "$1 did not answer" >&2; exit 1; }
  FIRST_MS=$(echo "$out" | sed -n 1p)
  APP_PID=$(echo "$out" | sed -n 2p)
}
stop_app() { kill "$APP_PID"; while kill -0 "$APP_PID" 2>/dev/null; do sleep 0.01; done; APP_PID=""; }

load() { # url -> requests/s
  local header=()
  [ "$GZIP" = 1 ] && header=(-H 'Accept-Encoding: gzip')
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 30s "${header[@]}" "$1" > /dev/null 2>&1
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s "${header[@]}" "$1" > "$WORK/wrk.txt" 2>&1
  if grep -q -e "Non-2xx" -e "Socket errors" "$WORK/wrk.txt"; then echo "wrk saw errors for $1:" >&2; cat "$WORK/wrk.txt" >&2; exit 1; fi
  awk '/Requests\/sec/ { printf "%.0f", $2 }' "$WORK/wrk.txt"
}

# The bytes nginx serves: the first form's answer, plain and gzipped, as it sends them.
start_app "$1"
mkdir -p "$WORK/static" "$WORK/nginx"
curl -sf -o "$WORK/static/answer" "http://127.0.0.1:$PORT$TARGET"
curl -sf -H 'Accept-Encoding: gzip' -o "$WORK/static/answer.gz" "http://127.0.0.1:$PORT$TARGET"
gzip -t "$WORK/static/answer.gz" 2> /dev/null || rm "$WORK/static/answer.gz" # (too small to be gzipped)
stop_app
nginx_conf "gzip_static on;" \
  "server { listen 127.0.0.1:$STATIC_PORT; root $WORK/static; location / { default_type application/json; try_files /answer =404; } }"
chmod 755 "$WORK" "$WORK/static" && chmod 644 "$WORK"/static/*
nginx -c "$WORK/nginx/nginx.conf" & NGINX_PID=$!
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$STATIC_PORT$TARGET" && break; sleep 0.05; done
cmp -s <(curl -sf "http://127.0.0.1:$STATIC_PORT$TARGET") "$WORK/static/answer" || { echo "nginx does not serve the answer" >&2; exit 1; }

printf 'GET %s, catalog %s%s, %s connections, gzip %s, %s cores\n' "$TARGET" "$IMAGES" "$([ "$SNAPSHOT" = 1 ] && echo ' (snapshot)')" \
  "$CONNECTIONS" "$GZIP" "$(nproc)"
printf '%-60s %5s %12s %10s %8s %12s %6s\n' form round "first ms" "req/s" "RSS MB" "nginx req/s" ratio
for round in $(seq "$ROUNDS"); do
  for form in "$@"; do
    start_app "$form"
    first=$FIRST_MS
    rps=$(load "http://127.0.0.1:$PORT$TARGET")
    rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$APP_PID/status")
    stop_app
    static=$(load "http://127.0.0.1:$STATIC_PORT$TARGET")
    printf '%-60s %5s %12s %10s %8s %12s %6.2f\n' "$form" "$round" "$first" "$rps" "$rss" "$static" "$(echo "$rps / $static" | bc -l)"
  done
done
