#!/usr/bin/env bash
# The soak test, in one command:  bench/soak.sh
#
# Starts the packaged JVM application on a generated catalog, loads it for SOAK_SECONDS with wrk
# (keep-alive, CONNECTIONS connections) cycling through a mix of valid and invalid requests
# (bench/soak.lua), and prints: requests by status class, wrk's socket errors, latency, and heap
# (after a full GC) and RSS before and after. It fails when any answer is a 5xx, when a socket
# error occurs, when the application logged an error, or when the heap (after a full GC) or the RSS
# after the load exceed those before it by more than HEAP_GROWTH_MB or RSS_GROWTH_MB.
#
# With RELOADS=N (0: none), the catalog file is replaced N times during the soak, spread evenly, by
# rename (as Kubernetes updates a ConfigMap) and every other time followed by SIGHUP, alternating
# between catalogs of IMAGES and IMAGES+100 images; it fails unless every reload is logged.
#
# Environment: IMAGES (1000), SOAK_SECONDS (180), CONNECTIONS (8), THREADS (2), HEAP_GROWTH_MB (16),
# RSS_GROWTH_MB (64), RELOADS (0), JAVA_OPTS (the application's JVM options, empty: the JVM's defaults;
# a fixed heap such as "-Xms256m -Xmx256m" keeps the heap's own growth out of the RSS figures), PORT (18082). Needs wrk (installed from Debian's packages if missing) and jcmd (from the JDK).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGES=${IMAGES:-1000}
SOAK_SECONDS=${SOAK_SECONDS:-180}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-2}
HEAP_GROWTH_MB=${HEAP_GROWTH_MB:-16}
RSS_GROWTH_MB=${RSS_GROWTH_MB:-64}
RELOADS=${RELOADS:-0}
JAVA_OPTS=${JAVA_OPTS:-}
PORT=${PORT:-18082}
. bench/lib.sh soak
need wrk
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

java bench/GenerateCatalog.java "$IMAGES" "$WORK/catalog.json"
if [ "$RELOADS" -gt 0 ]; then
  cp "$WORK/catalog.json" "$WORK/catalog-a.json"
  java bench/GenerateCatalog.java "$((IMAGES + 100))" "$WORK/catalog-b.json"
fi
CATALOG_PATH="$WORK/catalog.json" CATALOG_RELOAD_INTERVAL=0.5S QUARKUS_HTTP_PORT="$PORT" QUARKUS_MANAGEMENT_PORT=0 java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar > "$WORK/app.log" 2>&1 &
APP_PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/_ping"; do
  kill -0 "$APP_PID" 2>/dev/null || { echo "the application did not start:" >&2; cat "$WORK/app.log" >&2; exit 1; }
  sleep 0.05
done

# Heap in use after a full collection, MB; RSS, MB.
# (Every generation's "used" before the Metaspace lines: one line with G1, two with Parallel or Serial.)
heap_mb() {
  jcmd "$APP_PID" GC.run > /dev/null
  jcmd "$APP_PID" GC.heap_info | awk '/Metaspace/ { exit } / used / { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); total += v } } END { print int(total / 1024) }'
}
# (After heap_mb's full GC, so that buffers whose owners were collected are freed first.)
rss_mb() { sleep 1; awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$APP_PID/status"; }

# Warm up on the same mix, so that "before" is the steady state and not the cold start.
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s bench/soak.lua "http://127.0.0.1:$PORT" > /dev/null
heap_before=$(heap_mb); rss_before=$(rss_mb)

reloads_before=$(grep -c 'Reloaded' "$WORK/app.log" || true)
if [ "$RELOADS" -gt 0 ]; then
  # Replace the file RELOADS times while wrk runs: by rename, and every other time SIGHUP as well.
  (
    pause=$(awk -v s="$SOAK_SECONDS" -v n="$RELOADS" 'BEGIN { printf "%.3f", (s - 2) / n }')
    for i in $(seq "$RELOADS"); do
      sleep "$pause"
      if [ $((i % 2)) = 1 ]; then next=b; else next=a; fi
      cp "$WORK/catalog-$next.json" "$WORK/catalog.json.tmp" && mv "$WORK/catalog.json.tmp" "$WORK/catalog.json"
      [ $((i % 4)) = 0 ] && kill -HUP "$APP_PID"
    done
  ) &
  RELOADER_PID=$!
fi
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SOAK_SECONDS}s" -s bench/soak.lua "http://127.0.0.1:$PORT" > "$WORK/wrk.txt"
[ "$RELOADS" -gt 0 ] && wait "$RELOADER_PID"
sleep 2
reloads=$(( $(grep -c 'Reloaded' "$WORK/app.log" || true) - reloads_before ))
heap_after=$(heap_mb); rss_after=$(rss_mb)
result=$(grep '^SOAK ' "$WORK/wrk.txt") || { echo "wrk gave no result:" >&2; cat "$WORK/wrk.txt" >&2; exit 1; }
errors_logged=$(grep -c -E 'ERROR|Exception' "$WORK/app.log" || true)

printf '\nimage-catalog soak: %s images, %s s, wrk -t%s -c%s, %s, JVM options: %s\n' "$IMAGES" "$SOAK_SECONDS" "$THREADS" \
  "$CONNECTIONS" "$(java -version 2>&1 | head -1)" "${JAVA_OPTS:-defaults}"
echo "${result#SOAK }" | tr ' ' '\n' | sed 's/=/: /'
printf 'heap after full GC (MB): before %s, after %s\nRSS (MB): before %s, after %s\nerrors logged by the application: %s\n' \
  "$heap_before" "$heap_after" "$rss_before" "$rss_after" "$errors_logged"
printf 'catalog reloads: %s of %s replacements\n' "$reloads" "$RELOADS"

field() { echo "$result" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'; }
status=0
[ "$(field 5xx)" = 0 ] || { echo "FAIL: 5xx answers" >&2; status=1; }
# Each replacement is one reload (a SIGHUP right after a rename may make it two: never fewer).
[ "$reloads" -ge "$RELOADS" ] || { echo "FAIL: $reloads reloads for $RELOADS replacements" >&2; status=1; }
for e in connect_errors read_errors write_errors timeouts; do
  [ "$(field $e)" = 0 ] || { echo "FAIL: $e" >&2; status=1; }
done
[ "$errors_logged" = 0 ] || { echo "FAIL: the application logged errors:" >&2; grep -E 'ERROR|Exception' "$WORK/app.log" | head -5 >&2; status=1; }
[ $((heap_after - heap_before)) -le "$HEAP_GROWTH_MB" ] || { echo "FAIL: heap grew by $((heap_after - heap_before)) MB" >&2; status=1; }
[ $((rss_after - rss_before)) -le "$RSS_GROWTH_MB" ] || { echo "FAIL: RSS grew by $((rss_after - rss_before)) MB" >&2; status=1; }
[ "$status" = 0 ] && echo "PASS"
exit "$status"
