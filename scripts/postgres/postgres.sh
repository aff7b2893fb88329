#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers for development, tests and `npm start`.
#
#   postgres.sh ensure   DATABASE_URL's server, else 127.0.0.1:${PGPORT:-5432}; when none answers,
#                        start one from Debian's PostgreSQL binaries in the cache folder (installing
#                        the package first if it is missing), trust auth for user postgres
#   postgres.sh stop     stop the server this script started (never one it did not start)
#   postgres.sh status   say whether it answers
set -euo pipefail

cache="${HALFHOUR_CACHE:-$HOME/.cache/halfhour}"
# The postgres user must reach the cluster folder, and it cannot enter root's home.
if [ "$(id -u)" = 0 ]; then cluster="${HALFHOUR_PG_DIR:-/var/cache/halfhour/postgres-run}"
else cluster="${HALFHOUR_PG_DIR:-$cache/postgres-run}"; fi
port="${PGPORT:-5432}"

log() { echo "[postgres] $*" >&2; }

target_host_port() {
  if [ -n "${DATABASE_URL:-}" ]; then
    # postgres://user:pass@host:port/db -> host port
    local rest="${DATABASE_URL#*://}"; rest="${rest#*@}"; rest="${rest%%/*}"
    local host="${rest%%:*}" p="5432"
    [ "$rest" != "$host" ] && p="${rest##*:}"
    echo "$host $p"
  else
    echo "127.0.0.1 $port"
  fi
}

answers() {
  read -r host p < <(target_host_port)
  (exec 3<>"/dev/tcp/$host/$p") 2>/dev/null
}

pg_bin() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -z "$bin" ]; then
    log "installing Debian's PostgreSQL server package"
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; fi
    bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  fi
  echo "$bin"
}

as_postgres() {
  # initdb and postgres refuse to run as root.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_local() {
  local bin; bin="$(pg_bin)"
  mkdir -p "$cluster"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$cluster"
  if [ ! -f "$cluster/data/PG_VERSION" ]; then
    log "creating a cluster in $cluster/data"
    as_postgres "$bin/initdb" -D "$cluster/data" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  log "starting PostgreSQL on 127.0.0.1:$port"
  as_postgres "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $cluster -c max_connections=200 -c fsync=on" start >/dev/null
}

case "${1:-}" in
  ensure)
    if answers; then log "a server answers at $(target_host_port | tr ' ' ':')"; exit 0; fi
    if [ -n "${DATABASE_URL:-}" ]; then log "DATABASE_URL does not answer"; exit 1; fi
    start_local ;;
  stop)
    if [ -f "$cluster/data/postmaster.pid" ]; then as_postgres "$(pg_bin)/pg_ctl" -D "$cluster/data" -m fast stop >/dev/null; log "stopped"
    else log "no server started by this script is running"; fi ;;
  status) if answers; then echo "up ($(target_host_port | tr ' ' ':'))"; else echo down; exit 1; fi ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
