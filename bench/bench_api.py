"""API speed with 100,000 tasks in SQLite (issue 15). Prints numbers; asserts nothing.

Measures, through the Flask test client with a bearer token:
  1. a page of 100 tasks of /api/v1/tasks, unfiltered and with a few filters
     (median of 7, wall and CPU; goal < 100 ms);
  2. the Province export of a year, JSON and CSV (goal < 10 s).
The register is built by bench_register.py's builder (bulk_load).
Usage: .venv/bin/python bench/bench_api.py [--tasks 100000]
"""

import argparse
import logging
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_register import TODAY, bulk_load, make_app, median_ms  # noqa: E402


def bench_pages(client, headers, unit_id):
    queries = {
        "page 1 (no filter)": "",
        "page 50": "page=50",
        "overdue": "overdue=true",
        "unit": f"unit={unit_id}",
        "search q=ha tang": "q=ha+tang",
        "sort -received": "sort=-received",
    }
    print("GET /api/v1/tasks?per_page=100 (median of 7 wall / CPU, goal < 100 ms):")
    for label, qs in queries.items():

        def get(qs=qs):
            response = client.get(f"/api/v1/tasks?per_page=100&{qs}", headers=headers)
            assert response.status_code == 200, response.get_data(as_text=True)[:200]

        print("  {:<22} {:7.1f} ms / {:7.1f} ms".format(label, *median_ms(get)))


def bench_export(client, headers):
    for path in ("/api/v1/exports/province", "/api/v1/exports/province.csv"):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(f"{path}?from=2025-12-01&to=2026-11-30&as_of={TODAY}", headers=headers)
        assert response.status_code == 200, response.get_data(as_text=True)[:200]
        wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        size = len(response.get_data()) / 1024 / 1024
        print(f"{path} (a year): {wall:.2f} s wall, {cpu:.2f} s CPU (goal < 10 s), {size:.1f} MiB")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--db", help="reuse a database a previous run left (skips the bulk load)")
    args = parser.parse_args()

    from inspection.accounts import operations
    from inspection.accounts.models import Unit, User
    from inspection.db import db, migrate
    from inspection.demo import seed_foundation

    work = Path(args.db).parent if args.db else Path(tempfile.mkdtemp(prefix="bench-api-"))
    app = make_app(work / "bench.sqlite3")
    app.config.update(API_RATE_LIMIT_ENABLED=False, TODAY=TODAY.isoformat())
    logging.getLogger("inspection.requests").setLevel(logging.WARNING)  # one log line per request
    with app.app_context():
        if not args.db:
            migrate()
        with db.connection_context():
            if not args.db:
                seed_foundation({})
                bulk_load(args.tasks, random.Random(2026))
                db.execute_sql("ANALYZE")
            unit_id = Unit.get(Unit.abbreviation == "CCKL").id
            token = operations.create_token(User.get(User.username == "theodoi"), "bench")[1]
        print(f"database: {work}; load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        client, headers = app.test_client(), {"Authorization": f"Bearer {token}"}
        bench_pages(client, headers, unit_id)
        bench_export(client, headers)
    print(f"files left in {work} (delete when done)")


if __name__ == "__main__":
    main()
