#!/usr/bin/env bash
# The Docker API over TLS against nginx serving the same bytes over TLS:  bench/tls.sh
#
# Makes a CA, a server certificate for localhost and a client certificate with openssl, generates a
# catalog of IMAGES images (bench/GenerateCatalog.java), starts the packaged application (or the
# native binary: NATIVE=path) with API_TLS_CERT_PATH, takes its bare /images/json bytes, and has nginx
# serve those bytes over TLS with the same certificate; then, in the same run:
#  - requests/s over keep-alive connections (wrk -t2 -c CONNECTIONS, HTTPS, no client certificate:
#    wrk has no client certificates, so both servers run without ca.pem here), and the ratio;
#  - full handshakes per second (openssl s_time -new), without and with a client certificate
#    (the service restarted with ca.pem: dockerd's --tlsverify), against nginx likewise;
#  - the first answer over TLS after exec (ms), median of STARTS starts.
# Environment: IMAGES (1000), DURATION (10), CONNECTIONS (16), STARTS (5), NATIVE (unset: the jar),
# PORT (18376), STATIC_PORT (18377). Needs wrk, nginx and openssl (installed from Debian's packages if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGES=${IMAGES:-1000}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
STARTS=${STARTS:-5}
NATIVE=${NATIVE:-}
PORT=${PORT:-18376}
STATIC_PORT=${STATIC_PORT:-18377}
. bench/lib.sh tls
need wrk
need nginx nginx-light
need openssl openssl
[ -n "$NATIVE" ] || [ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

# Certificates: a CA, the server (localhost) and a client.
mkdir -p "$WORK/ca" "$WORK/server" "$WORK/verify" "$WORK/client"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/ca/key.pem" -out "$WORK/ca/ca.pem" -days 2 -subj "/CN=bench CA" 2>/dev/null
sign() { # dir cn extensions
  openssl req -newkey rsa:2048 -nodes -keyout "$1/key.pem" -out "$1/req.csr" -subj "/CN=$2" 2>/dev/null
  printf '%b' "$3" > "$1/ext.cnf"
  openssl x509 -req -in "$1/req.csr" -CA "$WORK/ca/ca.pem" -CAkey "$WORK/ca/key.pem" -CAcreateserial -out "$1/cert.pem" \
    -days 2 -extfile "$1/ext.cnf" 2>/dev/null
}
sign "$WORK/server" localhost 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'
sign "$WORK/client" client 'extendedKeyUsage=clientAuth\n'
cp "$WORK/server/cert.pem" "$WORK/server/key.pem" "$WORK/verify/" && cp "$WORK/ca/ca.pem" "$WORK/verify/ca.pem"

java bench/GenerateCatalog.java "$IMAGES" "$WORK/catalog.json"

now_ms() { date +%s%3N; }
start_app() { # cert dir
  local cmd
  if [ -n "$NATIVE" ]; then cmd=("$NATIVE"); else cmd=(java -jar target/quarkus-app/quarkus-run.jar); fi
  local t0; t0=$(now_ms)
  CATALOG_PATH="$WORK/catalog.json" API_TLS_CERT_PATH="$1" QUARKUS_HTTP_SSL_PORT=$PORT QUARKUS_MANAGEMENT_PORT=0 \
    "${cmd[@]}" > "$WORK/app.log" 2>&1 &
  APP_PID=$!
  local args=(--cacert "$WORK/ca/ca.pem")
  [ -f "$1/ca.pem" ] && args+=(--cert "$WORK/client/cert.pem" --key "$WORK/client/key.pem")
  for _ in $(seq 2000); do
    if curl -sf -o /dev/null "${args[@]}" "https://localhost:$PORT/images/json" 2>/dev/null; then
      FIRST_MS=$(( $(now_ms) - t0 )); return
    fi
    sleep 0.005
  done
  echo "the service did not answer over TLS:" >&2; cat "$WORK/app.log" >&2; exit 1
}
stop_app() { kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }
rps() { wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "$1" 2>&1 | awk '/Requests\/sec/ { printf "%.0f", $2 }'; }
handshakes() { # port [client cert args]: full handshakes per second
  local port=$1; shift
  openssl s_time -connect "localhost:$port" -new -time 5 -CAfile "$WORK/ca/ca.pem" "$@" 2>/dev/null \
    | awk '/connections in [0-9.]+s/ { for (i = 1; i <= NF; i++) if ($i ~ /connections\/user/) print $(i - 1) }' | head -1
}

firsts=()
for _ in $(seq "$STARTS"); do start_app "$WORK/server"; firsts+=("$FIRST_MS"); stop_app; done
start_app "$WORK/server"
curl -sf --cacert "$WORK/ca/ca.pem" "https://localhost:$PORT/images/json" > "$WORK/images.json"
nginx_conf "ssl_protocols TLSv1.2 TLSv1.3;" \
  "ssl_certificate $WORK/server/cert.pem; ssl_certificate_key $WORK/server/key.pem;" \
  "server { listen 127.0.0.1:$STATIC_PORT ssl; location = /images/json { default_type application/json; alias $WORK/images.json; } }" \
  "server { listen 127.0.0.1:$((STATIC_PORT + 1)) ssl; ssl_client_certificate $WORK/ca/ca.pem; ssl_verify_client on;" \
  "  location = /images/json { default_type application/json; alias $WORK/images.json; } }"
chmod 755 "$WORK" && chmod 644 "$WORK/images.json" "$WORK/server/"*.pem "$WORK/ca/ca.pem"
nginx -c "$WORK/nginx/nginx.conf" & NGINX_PID=$!
sleep 1
wrk -t2 -c"$CONNECTIONS" -d2s "https://localhost:$PORT/images/json" >/dev/null 2>&1 # warm up
ours=$(rps "https://localhost:$PORT/images/json")
theirs=$(rps "https://localhost:$STATIC_PORT/images/json")
hs_ours=$(handshakes "$PORT")
hs_nginx=$(handshakes "$STATIC_PORT")
stop_app
start_app "$WORK/verify"
hs_ours_verify=$(handshakes "$PORT" -cert "$WORK/client/cert.pem" -key "$WORK/client/key.pem")
hs_nginx_verify=$(handshakes "$((STATIC_PORT + 1))" -cert "$WORK/client/cert.pem" -key "$WORK/client/key.pem")
stop_app

printf '\nimage-catalog over TLS (%s), %s images (%s bytes), %s cores, wrk -t2 -c%s -d%ss\n' \
  "${NATIVE:-JVM jar}" "$IMAGES" "$(stat -c %s "$WORK/images.json")" "$(nproc)" "$CONNECTIONS" "$DURATION"
printf '  first answer over TLS after exec: %s ms (median of %s)\n' "$(median "${firsts[@]}")" "$STARTS"
printf '  keep-alive requests/s: %s, nginx %s, ratio %s\n' "$ours" "$theirs" "$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }')"
printf '  full handshakes/s (openssl s_time -new): %s, nginx %s; with a client certificate: %s, nginx %s\n' \
  "$hs_ours" "$hs_nginx" "$hs_ours_verify" "$hs_nginx_verify"
