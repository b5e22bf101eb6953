#!/usr/bin/env bash
# The benchmark, in one command:  bench/run.sh
#
# For catalogs of 10, 1,000, 10,000 and 100,000 images (bench/GenerateCatalog.java) it starts the
# packaged JVM application (target/quarkus-app), and prints one table with: the time from process
# start to ready (the first 200 from /_ping) and to the first correct answer, and RSS after that
# answer (each the median of STARTS starts), RSS after the load, then requests/s and
# p50/p99 latency from wrk (2 threads, keep-alive) for (a) no parameters, (b) all=1, (c) a label
# filter, (d) a reference glob, and Image Inspect of one image (e) by tag, (f) by short id, (g) by
# digest; and, in the same run, the bytes of (a) served as a static file by nginx, the ceiling, with
# the ratio of (a) to it. Then, from the first start: requests/s in the first 5 s after the first
# answer (the JIT still cold), the first reference filter's latency (an index built on first use)
# and the longest /_ping answered meanwhile (nothing one-off may hold an event loop); and the first
# answer (median of STARTS starts) of the other forms found here: JDK 25 without and with the AOT
# cache (JAVA25, default /usr/lib/jvm/temurin-25-jdk-amd64; AOT_APP, default target/quarkus-app, the
# package with app.aot from JAVA_HOME=<JDK 25> ./mvnw verify -Paot), and the native binary (target/*-runner).
# Last, the catalog compiled into a snapshot (compile-catalog): compile time, size, the first answer
# and RSS when served from it, and whether its answers (a), (b) and (c) are byte for byte the JSON's.
# After the table: filtered answers against nginx serving the same bytes and their gzip_static form
# (bench/filtered.sh: label, label gzip, reference, before+label at FILTERED_IMAGES, 100000; p99, RSS
# before and after), and the first answer after exec from a snapshot for each kind of first request
# (bench/coldstart.sh: bare, label, reference, inspect at COLDSTART_IMAGES, "10000 100000", and the
# sample). FILTERED=0 or COLDSTART=0 leaves either out.
#
# Environment: SIZES ("10 1000 10000 100000"), STARTS (5), DURATION (wrk seconds per run, 10), WARMUP (seconds of
# load per request kind before measuring, 3), CONNECTIONS (2: one keep-alive connection per wrk thread),
# PRERENDER (false: the default answer is rendered in the background at startup, the others on first use;
# true: all of them at startup, before the server opens),
# JAVA_OPTS (JVM options for the application, empty: the JVM's defaults; the JVM container image's
# run-java.sh uses "-XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4
# -XX:AdaptiveSizePolicyWeight=90 -XX:MaxRAMPercentage=80"),
# PORT (18080), STATIC_PORT (18081). Needs wrk and nginx (installed from Debian's packages if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"10 1000 10000 100000"}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
CONNECTIONS=${CONNECTIONS:-2}
PRERENDER=${PRERENDER:-false}
STARTS=${STARTS:-5}
JAVA_OPTS=${JAVA_OPTS:-}
PORT=${PORT:-18080}
STATIC_PORT=${STATIC_PORT:-18081}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
AOT_APP=${AOT_APP:-target/quarkus-app}  # the package the AOT cache was recorded with (-Paot: aot-jar)
AOT_CACHE=$AOT_APP/app.aot
NATIVE=$(ls target/*-runner 2>/dev/null | head -1 || true)
. bench/lib.sh bench
mkdir -p "$WORK/static"
need wrk
need nginx nginx
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# url -> "requests/s p50 p99" (latencies in ms)
load() {
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1" > "$WORK/wrk.txt" 2>&1
  if grep -q "Non-2xx" "$WORK/wrk.txt"; then
    echo "wrk saw errors for $1:" >&2; cat "$WORK/wrk.txt" >&2; exit 1
  fi
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%.0f %.2f %.2f", rps, p50, p99 }' "$WORK/wrk.txt"
}

start_nginx() {
  mkdir -p "$WORK/static"
  nginx_conf "server { listen 127.0.0.1:$STATIC_PORT; location = /images/json { default_type application/json; alias $WORK/static/images.json; } }"
  # nginx's workers run unprivileged: let them read the file.
  chmod 755 "$WORK" "$WORK/static" && chmod 644 "$WORK/static/images.json"
  nginx -c "$WORK/nginx/nginx.conf" &
  NGINX_PID=$!
  for _ in $(seq 200); do
    curl -sf -o /dev/null "http://127.0.0.1:$STATIC_PORT/images/json" && return
    sleep 0.05
  done
  echo "nginx did not serve the file:" >&2; cat "$WORK/nginx/error.log" >&2; exit 1
}

enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
LABEL="filters=$(enc '{"label":["com.example.team=team-7"]}')"
REFERENCE="filters=$(enc '{"reference":["registry.example.com/team-3/*"]}')"

printf '\nimage-catalog benchmark: %s, %s cores, wrk -t2 -c%s -d%ss, prerender=%s, JVM options: %s\n\n' \
  "$(java -version 2>&1 | head -1)" "$(nproc)" "$CONNECTIONS" "$DURATION" "$PRERENDER" "${JAVA_OPTS:-defaults}"
printf '%8s %9s %9s %9s %9s | %-22s | %-22s | %-22s | %-22s | %-22s | %6s | %-22s | %-22s | %-22s | %15s %10s %8s | %9s %9s %10s | %15s %7s %10s %8s %4s\n' \
  images "ready ms" "first ms" "RSS1 MB" "RSS2 MB" "(a) none req/s p50 p99" "(b) all=1" "(c) label" "(d) reference" \
  "static file (nginx)" "a/stat" "(e) inspect tag" "(f) inspect short id" "(g) inspect digest" \
  "first 5 s req/s" "1st ref ms" "ping max" "J25 first" "AOT first" "native 1st" \
  "snap compile ms" "snap MB" "snap first" "snap RSS" "same"

for n in $SIZES; do
  catalog="$WORK/catalog-$n.json"
  java bench/GenerateCatalog.java "$n" "$catalog"
  # Start-up is noisy on shared machines: start STARTS times, report the median of each figure, and
  # keep the last process for the load.
  readies=(); firsts=(); rsses=()
  for r in $(seq "$STARTS"); do
    start=$(date +%s%N)
    CATALOG_PATH="$catalog" QUARKUS_HTTP_PORT="$PORT" QUARKUS_MANAGEMENT_PORT=0 API_PRERENDER="$PRERENDER" \
      java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar > "$WORK/app-$n.log" 2>&1 &
    APP_PID=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$PORT/_ping" 2>/dev/null; do
      kill -0 "$APP_PID" 2>/dev/null || { echo "the application did not start:" >&2; cat "$WORK/app-$n.log" >&2; exit 1; }
      sleep 0.01
    done
    readies+=($(( ($(date +%s%N) - start) / 1000000 )))
    curl -sf -o "$WORK/static/images.json" "http://127.0.0.1:$PORT/images/json"
    firsts+=($(( ($(date +%s%N) - start) / 1000000 )))
    # A correct answer: a JSON array of the catalog's listed images.
    python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert isinstance(a, list) and len(a) > 0' "$WORK/static/images.json"
    rsses+=("$(rss_kb "$APP_PID")")
    if [ "$r" = "$STARTS" ]; then
      # Cold: requests/s in the first 5 s; then the first reference filter with /_ping polled meanwhile.
      cold=$(wrk -t2 -c"$CONNECTIONS" -d5s "http://127.0.0.1:$PORT/images/json" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
      ( while :; do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT/_ping"; sleep 0.005; done ) > "$WORK/pings.txt" &
      PINGER=$!
      sleep 0.2
      first_use=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/images/json?$REFERENCE" | awk '{ printf "%.0f", $1 * 1000 }')
      sleep 0.2
      kill "$PINGER"; wait "$PINGER" 2>/dev/null || true
      ping_max=$(sort -n "$WORK/pings.txt" | tail -1 | awk '{ printf "%.1f", $1 * 1000 }')
    fi
    if [ "$r" -lt "$STARTS" ]; then
      kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
    fi
  done
  ready_ms=$(median "${readies[@]}"); first_ms=$(median "${firsts[@]}"); rss1=$(median "${rsses[@]}")
  # The other forms: the first correct answer only (median of STARTS starts).
  # FORM_CATALOG: the catalog file to serve (default: the JSON); FORM_RSS: also print RSS (MB) after the
  # first answer; FORM_COMPARE: compare (a), (b), (c) with the JSON app's, still running on PORT.
  first_of() {
    local firsts=() rsses=() pid start
    for r in $(seq "$STARTS"); do
      start=$(date +%s%N)
      CATALOG_PATH="${FORM_CATALOG:-$catalog}" QUARKUS_HTTP_PORT=$((PORT + 1)) QUARKUS_MANAGEMENT_PORT=0 "$@" > "$WORK/form.log" 2>&1 &
      pid=$!
      until curl -sf -o /dev/null "http://127.0.0.1:$((PORT + 1))/images/json" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || { echo "a form did not start: $*" >&2; cat "$WORK/form.log" >&2; echo "-"; return; }
        sleep 0.01
      done
      firsts+=($(( ($(date +%s%N) - start) / 1000000 )))
      rsses+=("$(rss_kb "$pid")")
      if [ -n "${FORM_COMPARE:-}" ] && [ "$r" = 1 ]; then
        for q in "" "all=1" "$LABEL"; do
          curl -s "http://127.0.0.1:$((PORT + 1))/images/json?$q" > "$WORK/snapshot-answer.json"
          curl -s "http://127.0.0.1:$PORT/images/json?$q" > "$WORK/json-answer.json"
          cmp -s "$WORK/snapshot-answer.json" "$WORK/json-answer.json" || echo "different answers for ?$q" >> "$WORK/differences.txt"
        done
      fi
      kill "$pid"; wait "$pid" 2>/dev/null || true
    done
    if [ -n "${FORM_RSS:-}" ]; then
      echo "$(median "${firsts[@]}") $(( $(median "${rsses[@]}") / 1024 ))"
    else
      median "${firsts[@]}"
    fi
  }
  printf '%8s starts: ready %s ms, first %s ms\n' "" "${readies[*]}" "${firsts[*]}" >&2

  # Warm up the JIT on every request kind, then again on each just before measuring it (as nginx
  # is warmed just before its own run): code compiled for one kind may be recompiled for the next.
  for url in "/images/json" "/images/json?all=1" "/images/json?$LABEL" "/images/json?$REFERENCE"; do
    wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$PORT$url" > /dev/null 2>&1
  done
  warm() { wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "$1" > /dev/null 2>&1; }
  warm "http://127.0.0.1:$PORT/images/json"; a=$(load "http://127.0.0.1:$PORT/images/json")
  warm "http://127.0.0.1:$PORT/images/json?all=1"; b=$(load "http://127.0.0.1:$PORT/images/json?all=1")
  warm "http://127.0.0.1:$PORT/images/json?$LABEL"; c=$(load "http://127.0.0.1:$PORT/images/json?$LABEL")
  warm "http://127.0.0.1:$PORT/images/json?$REFERENCE"; d=$(load "http://127.0.0.1:$PORT/images/json?$REFERENCE")
  # Image Inspect of the image in the middle of the answer: a lookup in the indexes, never a scan.
  read -r tag short digest < <(python3 -c '
import json, sys
images = [i for i in json.load(open(sys.argv[1])) if i["RepoTags"] and i["RepoDigests"]]
image = images[len(images) // 2]
print(image["RepoTags"][0], image["Id"].removeprefix("sha256:")[:12], image["RepoDigests"][0])' "$WORK/static/images.json")
  inspect() {
    local url="http://127.0.0.1:$PORT/images/$1/json"
    curl -sf "$url" | python3 -c 'import json,sys; assert json.load(sys.stdin)["Id"]' || { echo "inspect failed: $url" >&2; exit 1; }
    warm "$url"; load "$url"
  }
  e=$(inspect "$tag"); f=$(inspect "$short"); g=$(inspect "$digest")
  rss2=$(rss_kb "$APP_PID")
  # The same catalog compiled into a snapshot: compiled, served, and compared with the JSON app still running.
  snapshot="$WORK/catalog-$n.snapshot"
  compile_start=$(date +%s%N)
  java -jar target/quarkus-app/quarkus-run.jar compile-catalog "$catalog" "$snapshot" > /dev/null
  compile_ms=$(( ($(date +%s%N) - compile_start) / 1000000 ))
  snap_mb=$(awk -v b="$(stat -c %s "$snapshot")" 'BEGIN { printf "%.1f", b / 1048576 }')
  rm -f "$WORK/differences.txt"
  read -r snap_first snap_rss < <(FORM_CATALOG="$snapshot" FORM_RSS=1 FORM_COMPARE=1 first_of java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar)
  same=yes; [ -s "$WORK/differences.txt" ] && { same=NO; cat "$WORK/differences.txt" >&2; }
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  j25=-; aot=-; native=-
  if [ -x "$JAVA25" ]; then
    j25=$(first_of "$JAVA25" -jar "$AOT_APP/quarkus-run.jar")
    [ -f "$AOT_CACHE" ] && aot=$(first_of "$JAVA25" -XX:AOTCache="$AOT_CACHE" -jar "$AOT_APP/quarkus-run.jar")
  fi
  [ -n "$NATIVE" ] && native=$(first_of "$NATIVE")

  start_nginx
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$STATIC_PORT/images/json" > /dev/null 2>&1
  s=$(load "http://127.0.0.1:$STATIC_PORT/images/json")
  kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=""

  ratio=$(awk -v a="${a%% *}" -v s="${s%% *}" 'BEGIN { printf "%.0f%%", 100 * a / s }')
  printf '%8s %9s %9s %9.0f %9.0f | %-22s | %-22s | %-22s | %-22s | %-22s | %6s | %-22s | %-22s | %-22s | %15s %10s %8s | %9s %9s %10s | %15s %7s %10s %8s %4s\n' \
    "$n" "$ready_ms" "$first_ms" "$((rss1 / 1024))" "$((rss2 / 1024))" "$a" "$b" "$c" "$d" "$s" "$ratio" "$e" "$f" "$g" \
    "$cold" "$first_use" "$ping_max" "$j25" "$aot" "$native" "$compile_ms" "$snap_mb" "$snap_first" "$snap_rss" "$same"
  printf '%8s answer (a): %s bytes; load line: %s\n' "" "$(stat -c %s "$WORK/static/images.json")" \
    "$(grep -o 'Loaded .*' "$WORK/app-$n.log" | head -1)" >&2
done
printf '\nready: first 200 from /_ping; first: first correct answer to GET /images/json (ms from process start, median of %s starts)\n' "$STARTS"
printf 'latencies in ms; RSS1 after the first answer, RSS2 after the load; a/stat = (a) req/s over nginx req/s\n'
printf 'first 5 s: (a) req/s right after the first answer; 1st ref: the first reference filter (ms); ping max: the longest /_ping meanwhile (ms)\n'
printf 'J25 / AOT first / native 1st: the first correct answer (ms, median of %s starts) on JDK 25, on JDK 25 with the AOT cache, native\n' "$STARTS"
printf 'snap: compile-catalog time (ms, JVM start included) and size (MB); first answer (ms) and RSS (MB) served from the snapshot; same: its answers equal the JSON app'"'"'s\n'

# Filtered answers against nginx, and the cold start for each kind of first request (scripts of their own).
if [ "${FILTERED:-1}" = 1 ]; then
  IMAGES=${FILTERED_IMAGES:-100000} bench/filtered.sh
fi
if [ "${COLDSTART:-1}" = 1 ]; then
  IMAGES=${COLDSTART_IMAGES:-"10000 100000"} STARTS=$STARTS bench/coldstart.sh
fi
