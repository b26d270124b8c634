"""The scaffold the report benches share (bench_reports.py, bench_scorecards.py): the command
line, the 100,000-task volume in a SQLite file, the timing lines and the closing numbers.
Not a bench itself: run_all.py skips names starting with "_".

`--db PATH` keeps the volume in PATH: built there when the file does not exist, reused (no load)
when it does, so one build serves every later run.
"""

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from bench.bench_monitoring import add_history
from bench.bench_register import bulk_load, make_app, peak_mib  # noqa: F401 - peak_mib for the benches


def timed(label, fn, repeat=1):
    """Run fn `repeat` times; print the best wall and CPU time; return its last result."""
    best = cpu_best = None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        out = fn()
        wall, used = time.perf_counter() - start, time.process_time() - cpu
        best, cpu_best = min(best or wall, wall), min(cpu_best or used, used)
    note = f" (best of {repeat})" if repeat > 1 else ""
    print(f"  {label:<48} {best:6.3f} s wall / {cpu_best:6.3f} s CPU{note}")
    return out


def reset_peak():
    """Start the process's peak memory (VmHWM) again from what it holds now (Linux; else a no-op),
    so the next peak_mib() is that of what runs from here."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def arguments(doc, **extra):
    """Parse --tasks, --db and each `extra` integer option (name=default)."""
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--tasks", type=int, default=100_000)
    for name, default in extra.items():
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--db", help="the volume's SQLite file: built when missing, else reused")
    return parser.parse_args()


def run(args, prefix, today, bench, more=None):
    """Open (or build) the volume, then call bench(calendar); `more(rnd, calendar)` adds to a new volume."""
    from inspection.db import db, migrate
    from inspection.demo import seed_foundation
    from inspection.workdays import WorkCalendar

    db_path = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix=prefix)) / "bench.sqlite3"
    build = not db_path.exists()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    app = make_app(db_path)
    app.config["TODAY"] = today.isoformat()
    with app.app_context():
        migrate()
        with db.connection_context():
            calendar = WorkCalendar()
            if build:
                rnd = random.Random(2026)
                seed_foundation({})
                start = time.perf_counter()
                bulk_load(args.tasks, rnd)
                add_history(rnd)
                if more:
                    more(rnd, calendar)
                db.execute_sql("ANALYZE")
                print(f"volume ready in {time.perf_counter() - start:.1f} s")
            print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            bench(calendar)
    print(f"peak memory {peak_mib():.0f} MiB; files left in {db_path.parent} (delete when done)")
