#!/usr/bin/env bash
# Measures Mira against the shared gateway harness (../shared/perf): the fake
# OpenAI upstream directly, the bare Go reverse proxy (plain and TLS), Mira
# with every check on, and Mira with rate limiting off, in one alternating
# run. Extra arguments go to run.sh (e.g. -r 5, --stream, -c 1).
# PERF_BASE_REF=<git ref> also builds that revision and measures it as
# mira_base in the same run, for before/after ratios.
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
if [ -n "${PERF_BASE_REF:-}" ]; then
  git worktree add -q --detach "$TMP/base-src" "$PERF_BASE_REF"
  (cd "$TMP/base-src" && go build -o "$TMP/mira-base" ./cmd/mira)
  git worktree remove --force "$TMP/base-src"
fi
export MIRA_DATA_DIR=$TMP/data
cat >"$TMP/mira.yaml" <<YAML
providers:
  - {name: fake, type: openai, base_url: "http://127.0.0.1:$PORT_UP/v1", models: [gpt-4o-mini]}
plans:
  free: {requests_per_minute: 100000000, tokens_per_minute: 1000000000, requests_per_day: 100000000, concurrent: 10000}
rate_limits: {unauthenticated_per_minute: 1000000, failed_auth_per_minute: 1000000}
YAML
sed 's/^rate_limits: {/rate_limits: {enabled: false, /' "$TMP/mira.yaml" >"$TMP/mira-nolimit.yaml"
export MIRA_ADMIN_LISTEN=127.0.0.1:0 # several instances; the admin listener is not measured
# The oldest build makes the data so that every build can read it; the base
# build then gets its own copy (a newer build migrates the schema forward).
ADMIN=$TMP/mira
[ -x "$TMP/mira-base" ] && ADMIN=$TMP/mira-base
echo 'a long perf password' | "$ADMIN" admin user create --email perf@example.com --password-stdin >/dev/null
KEY=$("$ADMIN" admin key create --email perf@example.com --name perf)
[ -x "$TMP/mira-base" ] && cp -a "$MIRA_DATA_DIR" "$TMP/data-base"
M1=$(freeport) M2=$(freeport)
wait_port() { for _ in $(seq 100); do (: >/dev/tcp/127.0.0.1/$1) 2>/dev/null && return; sleep 0.1; done; echo "mira on $1 did not start:" >&2; cat "$2" >&2; exit 1; }
# Access logs go to files, as a deployment would keep them.
"$TMP/mira" serve --config "$TMP/mira.yaml" --listen 127.0.0.1:$M1 2>"$TMP/mira.log" >/dev/null & PIDS+=($!)
wait_port $M1 "$TMP/mira.log"
"$TMP/mira" serve --config "$TMP/mira-nolimit.yaml" --listen 127.0.0.1:$M2 2>"$TMP/mira-nolimit.log" >/dev/null & PIDS+=($!)
wait_port $M2 "$TMP/mira-nolimit.log"

EXTRA=()
if [ -x "$TMP/mira-base" ]; then
  M3=$(freeport)
  MIRA_DATA_DIR=$TMP/data-base "$TMP/mira-base" serve --config "$TMP/mira.yaml" --listen 127.0.0.1:$M3 2>"$TMP/mira-base.log" >/dev/null & PIDS+=($!)
  wait_port $M3 "$TMP/mira-base.log"
  EXTRA+=(mira_base=https://127.0.0.1:$M3)
fi
# Each data directory has its own local CA: trust them all.
cat "$MIRA_DATA_DIR/ca.pem" $([ -x "$TMP/mira-base" ] && echo "$TMP/data-base/ca.pem") >"$TMP/cas.pem"

PERF_KEY=$KEY PERF_CA=$TMP/cas.pem "$HARNESS/run.sh" "$@" \
  mira=https://127.0.0.1:$M1 mira_nolimit=https://127.0.0.1:$M2 "${EXTRA[@]}"
# The targets are ratios to the bare Go TLS proxy: print them from the raw
# runs of the results file run.sh just wrote.
awk -f bench/ratios.awk "$(ls -t perf-results/*.txt | head -1)"
