#!/usr/bin/env bash
# Filtered answers against a static file server:  bench/filtered.sh
#
# On one generated catalog (IMAGES, default 100,000), starts the packaged JVM application (or the
# native binary with NATIVE=path) and nginx serving, as static files, the very bytes the application
# answers to each filtered request (and their gzip form, with gzip_static, for the gzip row). Then,
# for each case, after a first use, loads the application and nginx in turns (ROUNDS each, in one
# run: the machine's noise falls on both alike) with wrk at CONNECTIONS connections, and prints
# requests/s and p99 of each and their ratio (the goal: >= 0.8 of nginx), and the application's RSS
# before and after all the load. Cases: (1) label, (2) the same with Accept-Encoding: gzip,
# (3) a reference glob, (4) before=<an image> and a label.
#
# Environment: IMAGES (100000), ROUNDS (3), DURATION (wrk seconds per round, 6), CONNECTIONS (8),
# NATIVE (unset: the jar), JAR (target/quarkus-app/quarkus-run.jar: another build's for a before/after),
# PORT (18380), STATIC_PORT (18381). Needs wrk and nginx (installed from
# Debian's packages if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGES=${IMAGES:-100000}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-6}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-18380}
STATIC_PORT=${STATIC_PORT:-18381}
NATIVE=${NATIVE:-}
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
. bench/lib.sh filtered
need wrk
need nginx nginx-light
[ -n "$NATIVE" ] || [ -f "$JAR" ] || ./mvnw -B -q package -DskipTests

java bench/GenerateCatalog.java "$IMAGES" "$WORK/catalog.json"
if [ -n "$NATIVE" ]; then
  CATALOG_PATH="$WORK/catalog.json" QUARKUS_HTTP_PORT="$PORT" QUARKUS_MANAGEMENT_PORT=0 "$NATIVE" > "$WORK/app.log" 2>&1 &
else
  CATALOG_PATH="$WORK/catalog.json" QUARKUS_HTTP_PORT="$PORT" QUARKUS_MANAGEMENT_PORT=0 java -jar "$JAR" > "$WORK/app.log" 2>&1 &
fi
APP_PID=$!
for _ in $(seq 600); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/_ping" && break; sleep 0.1; done
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$APP_PID/status"; }

enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
# An image to name in "before": the 1,000th image's first tag in the unfiltered answer.
BEFORE=$(curl -s "http://127.0.0.1:$PORT/images/json" | python3 -c 'import json, sys; print(json.load(sys.stdin)[1000]["RepoTags"][0])')
NAMES=(label label-gzip reference before-label)
QUERIES=(
  "filters=$(enc '{"label":["com.example.version=v3"]}')"
  "filters=$(enc '{"label":["com.example.version=v3"]}')"
  "filters=$(enc '{"reference":["registry.example.com/team-3/app-1*"]}')"
  "filters=$(enc "{\"before\":[\"$BEFORE\"],\"label\":[\"com.example.team=team-7\"]}")"
)

# The static twin of each answer: the same bytes (and their gzip form for gzip_static).
mkdir -p "$WORK/static"
for i in "${!NAMES[@]}"; do
  curl -s -o "$WORK/static/${NAMES[$i]}.json" "http://127.0.0.1:$PORT/images/json?${QUERIES[$i]}"
  gzip -k -6 "$WORK/static/${NAMES[$i]}.json"
done
nginx_conf "server { listen 127.0.0.1:$STATIC_PORT; gzip_static on; location / { default_type application/json; root $WORK/static; } }"
chmod -R a+rX "$WORK"
nginx -c "$WORK/nginx/nginx.conf" & NGINX_PID=$!
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$STATIC_PORT/label.json" && break; sleep 0.05; done

run() { # url gzip seconds -> "req/s p99ms"
  local header=()
  [ "$2" = true ] && header=(-H "Accept-Encoding: gzip")
  wrk -t2 -c"$CONNECTIONS" -d"$3s" --latency "${header[@]}" "$1" > "$WORK/wrk.txt" 2>&1
  if grep -q "Non-2xx" "$WORK/wrk.txt"; then echo "errors from $1:" >&2; cat "$WORK/wrk.txt" >&2; exit 1; fi
  awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
       /Requests\/sec/ { rps = $2 } $1 == "99%" { p99 = ms($2) } END { printf "%.0f %.2f", rps, p99 }' "$WORK/wrk.txt"
}

printf '\nfiltered answers vs nginx: %s images, %s, wrk -t2 -c%s -d%ss x %s rounds, %s cores\n' "$IMAGES" \
  "${NATIVE:-$(java -version 2>&1 | head -1)}" "$CONNECTIONS" "$DURATION" "$ROUNDS" "$(nproc)"
printf 'RSS after the first use of each case: %s MB\n' "$(rss_mb)"
printf '%-13s %10s | %-20s | %-20s | %6s\n' case "answer KB" "app req/s p99 ms" "nginx req/s p99 ms" "x nginx"
for i in "${!NAMES[@]}"; do
  name=${NAMES[$i]}; gz=false; [ "$name" = label-gzip ] && gz=true
  app_url="http://127.0.0.1:$PORT/images/json?${QUERIES[$i]}"; static_url="http://127.0.0.1:$STATIC_PORT/$name.json"
  run "$app_url" "$gz" 2 > /dev/null; run "$static_url" "$gz" 2 > /dev/null # warm-up
  app=(); app_p99=(); stat=(); stat_p99=()
  for r in $(seq "$ROUNDS"); do
    a=$(run "$app_url" "$gz" "$DURATION"); s=$(run "$static_url" "$gz" "$DURATION")
    app+=("${a%% *}"); app_p99+=("${a##* }"); stat+=("${s%% *}"); stat_p99+=("${s##* }")
  done
  ma=$(median "${app[@]}"); ms=$(median "${stat[@]}")
  printf '%-13s %10s | %8s %10s | %8s %10s | %6s\n' "$name" "$(( $(stat -c %s "$WORK/static/$name.json") / 1024 ))" \
    "$ma" "$(median "${app_p99[@]}")" "$ms" "$(median "${stat_p99[@]}")" "$(awk -v a="$ma" -v b="$ms" 'BEGIN { printf "%.2f", a / b }')"
done
printf 'RSS after all the load: %s MB\n' "$(rss_mb)"
