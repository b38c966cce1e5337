#!/usr/bin/env bash
# Smoke test of the README's start command: start, wait for /health, fetch /forecasts, stop cleanly.
# Usage: .ci/smoke-start.sh <label> [ENV=VALUE ...]   (extra variables are passed to the service)
set -euo pipefail
label=$1; shift
port=${SMOKE_PORT:-3999}
log=$(mktemp)
started=$(date +%s.%N)
env PORT="$port" PUBLIC_READ=true "$@" npm start >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "[$label] the service exited early:"; cat "$log"; exit 1; fi
  sleep 0.5
done
ready=$(date +%s.%N)
count=$(curl -fsS "http://127.0.0.1:$port/forecasts?limit=100" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).data.length))')
# npm forwards the signal to the service (the start script execs node), as under a supervisor.
kill -TERM "$pid"
wait "$pid" || { echo "[$label] the service did not stop cleanly:"; tail -n 30 "$log"; exit 1; }
printf '[%s] ready after %.1f s (including build), %s forecasts at /forecasts, stopped cleanly\n' "$label" "$(echo "$ready - $started" | bc)" "$count"
if [ "$count" -lt 10 ]; then echo "[$label] expected the seed brief's forecasts"; tail -n 30 "$log"; exit 1; fi
grep -q "Stopped" "$log" || { echo "[$label] no clean stop in the log"; tail -n 30 "$log"; exit 1; }
rm -f "$log"
