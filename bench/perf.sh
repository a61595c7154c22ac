#!/usr/bin/env bash
# Measures Mira against the shared gateway harness (../shared/perf): the fake
# OpenAI upstream directly, the bare Go reverse proxy (plain and TLS), Mira
# with every check on, and Mira with rate limiting off, in one alternating
# run. Extra arguments go to run.sh (e.g. -r 5, --stream, -c 1).
#   bench/perf.sh [-r N] [--stream] ...
set -euo pipefail
cd "$(dirname "$0")/.."
HARNESS=${PERF_HARNESS:-../shared/perf}
PORT_UP=${PERF_UPSTREAM_PORT:-18080}
TMP=$(mktemp -d /tmp/mira-perf.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$TMP"' EXIT
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }

go build -o "$TMP/mira" ./cmd/mira
export MIRA_DATA_DIR=$TMP/data
cat >"$TMP/mira.yaml" <<YAML
providers:
  - {name: fake, type: openai, base_url: "http://127.0.0.1:$PORT_UP/v1", models: [gpt-4o-mini]}
plans:
  free: {requests_per_minute: 100000000, tokens_per_minute: 1000000000, requests_per_day: 100000000, concurrent: 10000}
rate_limits: {unauthenticated_per_minute: 1000000, failed_auth_per_minute: 1000000}
YAML
sed 's/^rate_limits: {/rate_limits: {enabled: false, /' "$TMP/mira.yaml" >"$TMP/mira-nolimit.yaml"
echo 'a long perf password' | "$TMP/mira" admin user create --email perf@example.com --password-stdin >/dev/null
KEY=$("$TMP/mira" admin key create --email perf@example.com --name perf)
M1=$(freeport) M2=$(freeport)
wait_port() { for _ in $(seq 100); do (: >/dev/tcp/127.0.0.1/$1) 2>/dev/null && return; sleep 0.1; done; echo "mira on $1 did not start:" >&2; cat "$2" >&2; exit 1; }
# Access logs go to files, as a deployment would keep them.
"$TMP/mira" serve --config "$TMP/mira.yaml" --listen 127.0.0.1:$M1 2>"$TMP/mira.log" >/dev/null & PIDS+=($!)
wait_port $M1 "$TMP/mira.log"
"$TMP/mira" serve --config "$TMP/mira-nolimit.yaml" --listen 127.0.0.1:$M2 2>"$TMP/mira-nolimit.log" >/dev/null & PIDS+=($!)
wait_port $M2 "$TMP/mira-nolimit.log"

PERF_KEY=$KEY PERF_CA=$MIRA_DATA_DIR/ca.pem "$HARNESS/run.sh" "$@" \
  mira=https://127.0.0.1:$M1 mira_nolimit=https://127.0.0.1:$M2
