# What the bench scripts share:  . bench/lib.sh NAME   (sourced from the project root)
#
# Makes WORK, a fresh directory (/tmp/image-catalog-NAME.XXXXXX), and on exit removes it and stops
# every process the script keeps in APP_PID, NGINX_PID, PROBE_PID or PIDS. Defines need (a tool,
# installed from Debian's packages when missing) and median.

WORK=$(mktemp -d "/tmp/image-catalog-$1.XXXXXX")
APP_PID="" NGINX_PID="" PROBE_PID=""
PIDS=()
bench_cleanup() {
  local pid
  for pid in "$PROBE_PID" "$APP_PID" "$NGINX_PID" "${PIDS[@]}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap bench_cleanup EXIT

# need TOOL [PACKAGE]: installs PACKAGE (TOOL unless given) from Debian's packages when TOOL is missing.
need() {
  command -v "$1" > /dev/null 2>&1 && return
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "installing ${2:-$1} ..." >&2
  $sudo apt-get update -qq > /dev/null && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${2:-$1}" > /dev/null
}

# median N...: the middle value (of an even count, the upper of the two).
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# nginx_conf LINE...: writes $WORK/nginx/nginx.conf, the nginx every comparison runs (2 workers, in the
# foreground, no access log, keep-alive without end, sendfile, its files under $WORK/nginx), with the
# LINEs (its server blocks, and any other http directive) inside its http block. Start it with
# nginx -c "$WORK/nginx/nginx.conf".
nginx_conf() {
  mkdir -p "$WORK/nginx"
  {
    cat <<CONF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
CONF
    printf '  %s\n' "$@"
    echo '}'
  } > "$WORK/nginx/nginx.conf"
}
