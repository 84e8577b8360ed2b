#!/usr/bin/env bash
# Several servers as one, on this machine: a throwaway PostgreSQL (Debian's, scripts/pg-local.sh)
# and N Yukong servers on loopback ports sharing it (default 3, ports 8081…). Ctrl-C stops them all;
# the database stays in <dir> for the next run (delete it to start afresh).
#   scripts/cluster-local.sh [dir] [servers]
# Environment as for `npm start` (YUKONG_ADMIN_TOKEN, YUKONG_SIM, …); YUKONG_DB is set here.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-./data/cluster}
N=${2:-3}
BASE_PORT=${BASE_PORT:-8081}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
[ "$(id -u)" = "0" ] && chmod 755 "$DIR"
export YUKONG_DB
YUKONG_DB=$(scripts/pg-local.sh start "$DIR/pg")
export YUKONG_ADMIN_TOKEN=${YUKONG_ADMIN_TOKEN:-$(node -e "console.log(require('crypto').randomBytes(24).toString('base64url'))")}
[ -f dist/client/index.html ] || npx vite build --logLevel warn
pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/pg-local.sh stop "$DIR/pg"
}
trap stop EXIT INT TERM
for i in $(seq 0 $((N - 1))); do
  PORT=$((BASE_PORT + i)) node --import tsx server/main.ts >"$DIR/server-$i.log" 2>&1 &
  pids+=($!)
  # the first migrates the database; the others join once it answers
  if [ "$i" = "0" ]; then
    for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$BASE_PORT/api/v1/health" >/dev/null 2>&1 && break; sleep 0.5; done
  fi
done
echo "PostgreSQL: $YUKONG_DB"
echo "admin token: $YUKONG_ADMIN_TOKEN"
for i in $(seq 0 $((N - 1))); do echo "server $i: http://127.0.0.1:$((BASE_PORT + i))  (log: $DIR/server-$i.log)"; done
echo "Ctrl-C stops them all."
wait
