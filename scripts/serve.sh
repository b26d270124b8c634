#!/usr/bin/env bash
# Serve the app with Flask's server and run the huey consumer (background jobs)
# beside it. Ctrl-C or a TERM stops both; if the server stops, the consumer stops.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-5000}

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The queue module belongs to the dossier part; without it there is nothing to consume.
if [ -f inspection/worker.py ]; then
  .venv/bin/huey_consumer inspection.worker.huey --workers 1 &
  pids+=($!)
fi

echo "Serving at http://$HOST:$PORT (Ctrl-C to stop)"
.venv/bin/flask --app app run --host "$HOST" --port "$PORT" &
server=$!
pids+=("$server")
status=0
wait "$server" || status=$?
exit "$status"
