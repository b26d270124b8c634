"""The units' scorecards (R-25) and the report on the regulation (R-23) with 100,000 tasks in SQLite
(issue 13). Prints numbers; asserts nothing.

Builds the volume with bench_register.py's bulk loader and bench_monitoring.py's history
(deadline extensions on 2 % of the tasks), adds every unit's monthly reports of 2026 (one in
four late, one in ten missing), then measures for the year 2026 (cut-off 30/11/2026 = today):
  1. each source: task figures per unit, update timeliness and flags, unit report tallies;
  2. the whole scorecard of all units, sorted (goal < 1 s), and its XLSX;
  3. the report on the regulation (R-23) and its XLSX.
Usage: .venv/bin/python bench/bench_scorecards.py [--tasks 100000] [--db PATH]
"""

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_monitoring import add_history  # noqa: E402
from bench.bench_register import bulk_load, make_app, peak_mib  # noqa: E402

TODAY = datetime.date(2026, 11, 30)
YEAR = 2026


def add_unit_reports(rnd, calendar):
    """Every reporting unit's monthly reports of the year up to today: 3/4 on time, 1/4 late, 1/10 missing."""
    from inspection.db import db
    from inspection.unit_reports import queries, rules
    from inspection.unit_reports.models import UnitReport

    rows = []
    for unit in queries.reporting_units():
        for month in range(1, TODAY.month + 1):
            due = rules.due_date(rules.Period(YEAR, month), calendar)
            if due >= TODAY or rnd.random() < 0.1:
                continue
            sent = due - datetime.timedelta(days=1) if rnd.random() < 0.75 else due + datetime.timedelta(days=3)
            rows.append(dict(unit=unit.id, year=YEAR, month=month, state=rules.SUBMITTED, first_submitted_on=sent))
    with db.atomic():
        UnitReport.insert_many(rows).execute()
    print(f"unit reports: {len(rows)}")


def timed(label, fn, repeat=3):
    """Run fn `repeat` times; print the best wall and CPU time; return its last result."""
    best = cpu_best = None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        out = fn()
        wall, used = time.perf_counter() - start, time.process_time() - cpu
        best, cpu_best = min(best or wall, wall), min(cpu_best or used, used)
    print(f"  {label:<48} {best:6.3f} s wall / {cpu_best:6.3f} s CPU (best of {repeat})")
    return out


def bench(calendar):
    from datetime import date

    from inspection.monitoring import figures
    from inspection.monitoring.review_queries import unit_update_stats
    from inspection.reports import scorecard, scorecard_export, scorecard_queries

    print("sources:")
    figs = timed("task figures per unit (figures.by_lead_unit)", lambda: figures.by_lead_unit(TODAY, calendar))
    print(f"    {len(figs)} units, {sum(f.total for f in figs.values())} tasks")
    timed(
        "update timeliness, flags (unit_update_stats)",
        lambda: unit_update_stats(date(YEAR, 1, 1), TODAY, calendar=calendar, today=TODAY),
    )
    timed(
        "monthly report tallies (submission_status x 11)",
        lambda: scorecard_queries._report_tallies(YEAR, TODAY, calendar),
    )
    print("the scorecard of all units (goal < 1 s):")
    key, descending = scorecard.parse_sort("-score")
    page = timed(
        "scorecard page data, sorted", lambda: scorecard_queries.scorecard_page(YEAR, key, descending, TODAY, calendar)
    )
    xlsx = timed("its XLSX", lambda: scorecard_export.scorecard_xlsx(page["rows"], page["heading"]))
    print(f"    {len(page['rows'])} rows, XLSX {len(xlsx) / 1024:.0f} KiB")
    print("the report on the regulation (R-23):")
    reg = timed("figures and sections", lambda: scorecard_queries.regulation_page(YEAR, TODAY, calendar))
    timed("its XLSX", lambda: scorecard_export.regulation_xlsx(reg["sections"], reg["heading"]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--db", help="reuse a database an earlier run left (skips the load)")
    args = parser.parse_args()

    from inspection.db import db, migrate
    from inspection.demo import seed_foundation
    from inspection.workdays import WorkCalendar

    rnd = random.Random(2026)
    db_path = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="bench-scorecards-")) / "bench.sqlite3"
    app = make_app(db_path)
    app.config["TODAY"] = TODAY.isoformat()
    with app.app_context():
        migrate()
        with db.connection_context():
            calendar = WorkCalendar()
            if not args.db:
                seed_foundation({})
                start = time.perf_counter()
                bulk_load(args.tasks, rnd)
                add_history(rnd)
                add_unit_reports(rnd, calendar)
                db.execute_sql("ANALYZE")
                print(f"volume ready in {time.perf_counter() - start:.1f} s")
            print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            bench(calendar)
    print(f"peak memory {peak_mib():.0f} MiB; files left in {db_path.parent} (delete when done)")


if __name__ == "__main__":
    main()
