#!/usr/bin/env bash
# The first answer after a cold start, for each kind of first request:  bench/coldstart.sh
#
# Compiles a generated catalog (IMAGES, default "10000 100000") into a snapshot, then starts the
# packaged application on it STARTS times (3) per kind of first request and prints the median time
# from exec to that first request's complete answer: the bare listing, a label filter, a reference
# filter, and Image Inspect by tag, then the bare listing asked with Accept-Encoding: gzip (as the
# docker CLI and docker-py ask); and the same for the bundled sample (no CATALOG_PATH), the
# reference point of the JVM's goal (any first request within 0.2 s of the sample's first answer).
# The native binary instead of the jar with NATIVE=path (the goal there: 40 ms at 10,000 images,
# 100 ms at 100,000). The first request is sent as soon as the port accepts, as a cold-started
# function's first invocation is (bench/first_answer.py).
#
# Environment: IMAGES ("10000 100000"), STARTS (3), NATIVE (unset: the jar), JAR (the jar,
# target/quarkus-app/quarkus-run.jar: another build's for a before/after), PORT (18480).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGES=${IMAGES:-"10000 100000"}
STARTS=${STARTS:-3}
NATIVE=${NATIVE:-}
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
PORT=${PORT:-18480}
. bench/lib.sh coldstart
[ -n "$NATIVE" ] || [ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
if [ -n "$NATIVE" ]; then APP=("$NATIVE"); else APP=(java -jar "$JAR"); fi

enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# ms from exec to the complete answer of one first request (catalog path, or empty for the sample),
# timed by bench/first_answer.py (a polling loop of curl processes would take a core from the start)
first_answer() {
  local catalog=$1 target=$2 gzip=${3:-} out
  # shellcheck disable=SC2086
  out=$(env ${catalog:+CATALOG_PATH=$catalog} ${gzip:+ACCEPT_ENCODING=gzip} QUARKUS_HTTP_PORT="$PORT" QUARKUS_MANAGEMENT_PORT=0 \
    python3 bench/first_answer.py "$PORT" "$target" "${APP[@]}") || { echo "no first answer to $target" >&2; exit 1; }
  APP_PID=$(echo "$out" | sed -n 2p)
  kill "$APP_PID"; while kill -0 "$APP_PID" 2>/dev/null; do sleep 0.01; done; APP_PID=""
  echo "$out" | sed -n 1p
}

runs() { local r=(); for _ in $(seq "$STARTS"); do r+=("$(first_answer "$1" "$2" "${3:-}")"); done; median "${r[@]}"; }

printf '\nfirst answer after exec (ms, median of %s): %s, %s cores\n' "$STARTS" "${NATIVE:-$(java -version 2>&1 | head -1)}" "$(nproc)"
printf '%-16s %8s %8s %10s %12s %10s\n' catalog bare label reference "inspect tag" "bare gzip"
printf '%-16s %8s %8s %10s %12s %10s\n' "sample (JSON)" "$(runs "" /images/json)" "$(runs "" "/images/json?filters=$(enc '{"label":["com.example.version=v1"]}')")" \
  "$(runs "" "/images/json?filters=$(enc '{"reference":["ubuntu*"]}')")" "$(runs "" /images/ubuntu:12.04/json)" "$(runs "" /images/json gzip)"
for n in $IMAGES; do
  java bench/GenerateCatalog.java "$n" "$WORK/catalog-$n.json"
  "${APP[@]}" compile-catalog "$WORK/catalog-$n.json" "$WORK/catalog-$n.snapshot" > /dev/null
  tag=$(python3 -c 'import json, sys; print(next(i["RepoTags"][0] for i in json.load(open(sys.argv[1])) if i["RepoTags"]))' "$WORK/catalog-$n.json")
  printf '%-16s %8s %8s %10s %12s %10s\n' "$n snapshot" "$(runs "$WORK/catalog-$n.snapshot" /images/json)" \
    "$(runs "$WORK/catalog-$n.snapshot" "/images/json?filters=$(enc '{"label":["com.example.version=v3"]}')")" \
    "$(runs "$WORK/catalog-$n.snapshot" "/images/json?filters=$(enc '{"reference":["registry.example.com/team-3/app-1*"]}')")" \
    "$(runs "$WORK/catalog-$n.snapshot" "/images/$(enc "$tag")/json")" "$(runs "$WORK/catalog-$n.snapshot" /images/json gzip)"
done
