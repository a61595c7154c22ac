#!/usr/bin/env bash
# Memory over a sustained load: mira serve (every check on) in front of the
# shared harness's fake upstream, wrk at -c 16 for RSS_SECONDS (default 300)
# with the 4 KB conversation body (PERF_BODY_FILE to change it), and the
# RSS of the mira process sampled every 10 s. Flat means no leak.
# Each sample splits RSS into anonymous memory (the Go heap, SQLite's page
# caches) and file/shared mappings (SQLite's -shm wal-index), with the Go
# heap in use (from /metrics) and the sizes of the SQLite files; with
# MIRA_DATABASE_URL set the request log goes to PostgreSQL instead.
#   bench/rss.sh            bench/rss.sh --stream   (answers as SSE)
set -euo pipefail
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
cd "$(dirname "$0")/.."
HARNESS=${PERF_HARNESS:-../shared/perf}
SECONDS_TOTAL=${RSS_SECONDS:-300}
BODY_FILE=${PERF_BODY_FILE:-$HARNESS/bodies/body-4k.json}
TMP=$(mktemp -d /tmp/mira-rss.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$TMP"' EXIT
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
wait_port() { for _ in $(seq 100); do (: >/dev/tcp/127.0.0.1/$1) 2>/dev/null && return; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1; }

UP=$(freeport) M=$(freeport) ADM=$(freeport)
(cd "$HARNESS/upstream" && go build -o "$TMP/upstream" .)
go build -o "$TMP/mira" ./cmd/mira
UPFLAGS=()
BODY=$(cat "$BODY_FILE")
if [ "${1:-}" = --stream ]; then
  UPFLAGS=(-chunks 64)
  BODY=$(python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); b["stream"]=True; print(json.dumps(b))' "$BODY_FILE")
fi
"$TMP/upstream" -addr 127.0.0.1:$UP "${UPFLAGS[@]}" >/dev/null 2>&1 & PIDS+=($!)
wait_port $UP
export MIRA_DATA_DIR=$TMP/data MIRA_ADMIN_LISTEN=127.0.0.1:$ADM
cat >"$TMP/mira.yaml" <<YAML
providers:
  - {name: fake, type: openai, base_url: "http://127.0.0.1:$UP/v1", models: [gpt-4o-mini]}
plans:
  free: {requests_per_minute: 100000000, tokens_per_minute: 1000000000, requests_per_day: 100000000, concurrent: 10000}
rate_limits: {unauthenticated_per_minute: 1000000, failed_auth_per_minute: 1000000}
YAML
echo 'a long perf password' | "$TMP/mira" admin user create --email perf@example.com --password-stdin >/dev/null
KEY=$("$TMP/mira" admin key create --email perf@example.com --name perf)
"$TMP/mira" serve --config "$TMP/mira.yaml" --listen 127.0.0.1:$M 2>"$TMP/mira.log" >/dev/null & MIRA=$!
PIDS+=($MIRA)
wait_port $M

kb() { [ -e "$1" ] && echo $(($(stat -c %s "$1") / 1024)) || echo 0; }
sample() {
  local heap
  heap=$(curl -s "http://127.0.0.1:$ADM/metrics" | awk '/^go_memstats_heap_inuse_bytes / {printf "%d", $2 / 1024}')
  echo "$1 $(awk '/^(VmRSS|RssAnon|RssFile|RssShmem):/ {printf "%s ", $2}' /proc/$MIRA/status)${heap:-?} $(kb "$MIRA_DATA_DIR/mira.db") $(kb "$MIRA_DATA_DIR/mira.db-wal") $(kb "$MIRA_DATA_DIR/mira.db-shm")"
}
echo "t_s rss_kb anon_kb file_kb shmem_kb go_heap_inuse_kb db_kb wal_kb shm_kb"
sample 0
PERF_BODY=$BODY wrk -t 2 -c 16 -d "${SECONDS_TOTAL}s" -s "$HARNESS/post.lua" \
  -H "Authorization: Bearer $KEY" "https://127.0.0.1:$M/v1/chat/completions" >"$TMP/wrk.out" 2>&1 & W=$!
PIDS+=($W)
for ((t = 10; t <= SECONDS_TOTAL; t += 10)); do
  sleep 10
  sample "$t"
done
wait $W || true
grep -E "requests in|Non-2xx|Socket errors" "$TMP/wrk.out" || true
