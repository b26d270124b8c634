#!/usr/bin/env bash
# Serve the app with gunicorn (not Flask's development server) and run the huey consumer
# (background jobs) beside it. Ctrl-C or a TERM stops both; if one stops, the other does too.
#
# Tunable from the environment (defaults fit a 2-core machine):
#   WEB_WORKERS (2) processes, WEB_THREADS (4) threads each, WEB_TIMEOUT (120 s: a LibreOffice
#   conversion may take that long), JOB_WORKERS (1) huey workers.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-5000}
WEB_WORKERS=${WEB_WORKERS:-2}
WEB_THREADS=${WEB_THREADS:-4}
WEB_TIMEOUT=${WEB_TIMEOUT:-120}
JOB_WORKERS=${JOB_WORKERS:-1}

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
  .venv/bin/huey_consumer inspection.worker.huey --workers "$JOB_WORKERS" &
  pids+=($!)
fi

echo "Serving at http://$HOST:$PORT with gunicorn ($WEB_WORKERS workers x $WEB_THREADS threads; Ctrl-C to stop)"
# The app writes one JSON line per request itself (inspection/logs.py): no gunicorn access log.
.venv/bin/gunicorn --bind "$HOST:$PORT" --workers "$WEB_WORKERS" --threads "$WEB_THREADS" \
  --timeout "$WEB_TIMEOUT" --graceful-timeout 15 --no-control-socket --error-logfile - 'app:app' &
server=$!
pids+=("$server")
status=0
# Whichever stops first (server or consumer) ends the script, and the trap stops the other.
wait -n "${pids[@]}" || status=$?
exit "$status"
