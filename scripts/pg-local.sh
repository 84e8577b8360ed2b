#!/usr/bin/env bash
# A throwaway PostgreSQL (with PostGIS) from Debian's packages, on loopback, for tests and the
# several-servers demo. Never a download: the server is Debian's postgresql-15.
#   scripts/pg-local.sh start <dir> [port]   initialises <dir> if new, starts, prints the URL
#   scripts/pg-local.sh stop <dir>           stops it (the directory stays; delete it to forget)
# PG_OPTS adds server settings (the test run turns off fsync: a throwaway database on a test machine).
set -euo pipefail
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop <dir> [port]" >&2; exit 2; }
[ -x "$BIN/pg_ctl" ] || { echo "PostgreSQL 15 is not installed (Debian: postgresql-15 postgresql-15-postgis-3)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    port=${3:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" = "0" ] && chown postgres "$dir" && chmod 700 "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_pg "$BIN/initdb" -D "$dir" -U yukong --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 || { cat "$dir.initdb.log" >&2; exit 1; }
    fi
    as_pg "$BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=128MB ${PG_OPTS:-}" start >/dev/null
    echo "$port" > "$dir/port"
    psql -h 127.0.0.1 -p "$port" -U yukong -d postgres -qtc "SELECT 1 FROM pg_database WHERE datname = 'yukong'" | grep -q 1 ||
      psql -h 127.0.0.1 -p "$port" -U yukong -d postgres -qc "CREATE DATABASE yukong" >/dev/null
    echo "postgres://yukong@127.0.0.1:$port/yukong"
    ;;
  stop)
    [ -f "$dir/PG_VERSION" ] || exit 0
    as_pg "$BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop <dir> [port]" >&2; exit 2 ;;
esac
