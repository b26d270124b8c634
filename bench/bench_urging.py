"""Urging 200 overdue tasks across 13 lead units (issue 12, R-10): 13 letters, DOCX + PDF each.

Goal: the whole run (the suggested list, then one numbered letter per unit, rendered, frozen
and recorded on every task, the units' staff notified) under 20 s. Prints numbers; asserts nothing.
Usage: .venv/bin/python bench/bench_urging.py [--tasks 200] [--units 13]
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_register import make_app, peak_mib  # noqa: E402

TODAY = datetime.date(2026, 12, 21)


def load(n_tasks, n_units):
    """Overdue open tasks spread over `n_units` lead units (written directly: volume, not rules)."""
    from inspection.accounts.models import Unit
    from inspection.db import db
    from inspection.register.models import DirectiveDocument, Task

    units = list(Unit.select().order_by(Unit.id).limit(n_units))
    with db.atomic():
        doc = DirectiveDocument.create(
            number_symbol="900/UBND-NNTN",
            number_key="900/ubnd-nntn",
            issuer_kind="ubnd_tinh",
            received_on=datetime.date(2026, 10, 1),
            abstract="Về các nhiệm vụ năm 2026",
        )
        for i in range(n_tasks):
            deadline = TODAY - datetime.timedelta(days=1 + i % 40)
            Task.create(
                document=doc,
                summary=f"Nhiệm vụ thử số {i + 1}",
                lead_unit=units[i % len(units)],
                deadline=deadline,
                original_deadline=deadline,
                registered_on=datetime.date(2026, 10, 2),
            )
    return len(units)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--units", type=int, default=13)
    args = parser.parse_args()

    from inspection.accounts.models import User
    from inspection.db import db, migrate
    from inspection.demo import seed_foundation
    from inspection.monitoring import operations, urging_queries
    from inspection.workdays import WorkCalendar

    work = Path(tempfile.mkdtemp(prefix="bench-urging-"))
    app = make_app(work / "bench.sqlite3")
    app.config["TODAY"] = TODAY.isoformat()
    cal = WorkCalendar()
    with app.test_request_context(), db.connection_context():
        migrate()
        seed_foundation({})
        units = load(args.tasks, args.units)
        chief = User.get(User.username == "chanhvanphong")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        start = time.perf_counter()
        groups = urging_queries.suggested(TODAY, cal, 3)
        listed = time.perf_counter()
        letters = [operations.urge_by_letter(chief, tasks, calendar=cal) for _unit, tasks in groups]
        done = time.perf_counter()
    print(f"{args.tasks} overdue tasks, {units} units: suggested list {1000 * (listed - start):.0f} ms")
    print(f"{len(letters)} letters (DOCX+PDF) in {done - listed:.1f} s, {(done - listed) / len(letters):.2f} s each;")
    print(f"total {done - start:.1f} s (goal < 20 s); peak memory {peak_mib():.0f} MiB; files in {work}")


if __name__ == "__main__":
    main()
