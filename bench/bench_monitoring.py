"""Monitoring dashboards with 100,000 tasks in SQLite (issue 12, R-8). Prints numbers; asserts nothing.

Builds the volume with bench_register.py's bulk loader, then records deadline extensions on
2% of the tasks (spread over the past year) and result-entry dates, and measures:
  1. the figure groups of inspection/monitoring/figures.py (median ms of 7);
  2. the leadership dashboard (goal < 200 ms median) and a unit's dashboard (goal < 100 ms)
     through the Flask test client, today and as of a past date (goal: within 2x of today):
     computed (the figures' cache off: every unit counted), with the figures kept for the
     data version (monitoring/cache.py), and after a write to one task (untimed) before each
     visit — one unit counted again, the others kept; best and median of 7, wall and CPU;
  3. peak memory of the process.
Usage: .venv/bin/python bench/bench_monitoring.py [--tasks 100000] [--db PATH]
(--db PATH: a file an earlier run left, or a new one to build there and keep.)
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_register import bulk_load, make_app, peak_mib  # noqa: E402


def best_and_median(fn, repeat=7, before=None):
    """(best wall, median wall, best CPU, median CPU) in ms of `fn`, after one warm-up call;
    `before()` runs untimed ahead of each timed call."""
    fn()
    wall, cpu = [], []
    for _ in range(repeat):
        if before:
            before()
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return min(wall), statistics.median(wall), min(cpu), statistics.median(cpu)


TODAY = datetime.date(2026, 11, 19)
PAST = datetime.date(2026, 3, 31)


def add_history(rnd):
    """Extensions on 2% of the tasks with a deadline, and result-entry dates on completed ones."""
    from inspection.db import db
    from inspection.register.models import DeadlineExtension, Task

    with db.atomic():
        Task.update(result_entered_on=Task.completed_on).where(Task.is_completed == True).execute()  # noqa: E712
        rows = []
        for task_id, deadline in Task.select(Task.id, Task.deadline).where(Task.deadline.is_null(False)).tuples():
            if rnd.random() < 0.02:
                new = deadline + datetime.timedelta(days=rnd.randrange(10, 60))
                # Recorded a few days before the old deadline, and never after today: an
                # extension recorded in the future cannot exist (earlier runs had 178 of them
                # "recorded after" today, each a correction the dashboards paid for).
                day = min(deadline - datetime.timedelta(days=rnd.randrange(1, 5)), TODAY)
                at = datetime.datetime.combine(day, datetime.time(9))
                rows.append(
                    dict(task=task_id, old_deadline=deadline, new_deadline=new, granted_by="UBND tỉnh", recorded_at=at)
                )
                Task.update(deadline=new).where(Task.id == task_id).execute()
        for i in range(0, len(rows), 200):
            DeadlineExtension.insert_many(rows[i : i + 200]).execute()
    print(f"history: {len(rows)} deadline extensions")


def bench_figures(calendar):
    from inspection.monitoring import figures

    print("figure groups (of 7: wall best / median, CPU best / median):")
    for label, day in (("today", TODAY), (f"as of {PAST:%d/%m/%Y}", PAST)):
        for name, call in (
            ("overall", lambda d=day: figures.compute(d, calendar, 3)),
            ("per lead unit", lambda d=day: figures.by_lead_unit(d, calendar, 3)),
            ("per issuer", lambda d=day: figures.by_issuer(d, calendar, 3)),
            ("unit+issuer", lambda d=day: figures.by_unit_issuer(None, d, calendar, 3)),  # the page, nothing kept
            ("12-month trend", lambda d=day: figures.trend(d)),
        ):
            print(
                "  {:<16} {:<14} {:7.1f} / {:7.1f} ms, {:7.1f} / {:7.1f} ms".format(label, name, *best_and_median(call))
            )


def write_one_task(unit_id=None):
    """An untimed write before each visit, as the office works: one task's progress entered (its
    summary rewritten: the triggers count it like any write). For the leadership page, a task of
    the next unit in turn, so each visit finds one unit's figures stale (monitoring/cache.py
    per_unit); for a unit's page, one of its own tasks."""
    from inspection.db import db
    from inspection.register.models import Task

    with db.connection_context():
        by_unit = {}
        for task_id, lead in Task.select(Task.id, Task.lead_unit).where(Task.is_secret == False).tuples():  # noqa: E712
            by_unit.setdefault(lead, task_id)
    ids = [by_unit[unit_id]] if unit_id else list(by_unit.values())
    turn = iter(range(10**9))

    def write():
        with db.connection_context():
            Task.update(summary=Task.summary).where(Task.id == ids[next(turn) % len(ids)]).execute()

    return write


def bench_pages(app, unit_id):
    client = app.test_client()
    for user in ("giamdoc", "canbodonvi"):
        r = client.post("/login", data={"username": user, "password": "Demo@2026"})
        assert r.status_code == 302, f"bench login as {user} failed"
        url = "/monitoring/" if user == "giamdoc" else f"/monitoring/units/{unit_id}"
        goal = 200 if user == "giamdoc" else 100
        print(f"{url} as {user} (of 7: wall best / median, CPU best / median; goal < {goal} ms, past within 2x):")
        for label, qs in (("today", ""), (f"as of {PAST:%d/%m/%Y}", f"?as_of={PAST:%d/%m/%Y}")):

            def get(u=url + qs):
                resp = client.get(u)
                assert resp.status_code == 200, resp.status_code

            for how, kept, before in (
                ("computed", False, None),
                ("figures kept", True, None),
                ("after a write", True, write_one_task(unit_id if user != "giamdoc" else None)),
            ):
                app.config["MONITORING_CACHE"] = kept
                print(
                    "  {:<16} {:<13} {:7.1f} / {:7.1f} ms wall, {:7.1f} / {:7.1f} ms CPU".format(
                        label, how, *best_and_median(get, before=before)
                    )
                )
        client.get("/logout")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--db", help="reuse a database an earlier run left (skips the load)")
    args = parser.parse_args()

    from inspection.accounts.models import User
    from inspection.db import db, migrate
    from inspection.demo import seed_foundation
    from inspection.workdays import WorkCalendar

    rnd = random.Random(2026)
    db_path = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="bench-monitoring-")) / "bench.sqlite3"
    reuse = db_path.exists()
    work = db_path.parent
    app = make_app(db_path)
    app.config["TODAY"] = TODAY.isoformat()
    with app.app_context():
        migrate()
        with db.connection_context():
            if not reuse:
                seed_foundation({})
                start = time.perf_counter()
                bulk_load(args.tasks, rnd)
                add_history(rnd)
                db.execute_sql("ANALYZE")
                print(f"volume ready in {time.perf_counter() - start:.1f} s")
            print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            bench_figures(WorkCalendar())
            unit_id = User.get(User.username == "canbodonvi").unit_id
        bench_pages(app, unit_id)
    print(f"peak memory {peak_mib():.0f} MiB; files left in {work} (delete when done)")


if __name__ == "__main__":
    main()
