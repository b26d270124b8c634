"""R-6.1b / R-16.2: time of a calendar override over a large register (it recomputes every stored
due date the day can move, in the override's own transaction), and how many rows it touches.

Usage: .venv/bin/python bench/bench_recompute.py [--tasks 100000]
"""

import argparse
import datetime
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_register import bulk_load, make_app  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    args = parser.parse_args()

    from inspection.accounts.models import User
    from inspection.calendar import operations as calendar_ops
    from inspection.db import db, migrate
    from inspection.demo import seed_foundation
    from inspection.register.models import DirectiveDocument, Task

    work = Path(tempfile.mkdtemp(prefix="bench-recompute-"))
    app = make_app(work / "bench.sqlite3")
    with app.app_context():
        migrate()
        with db.connection_context():
            seed_foundation({})
            bulk_load(args.tasks, random.Random(2026))
            db.execute_sql("ANALYZE")
            admin = User.get(User.username == "theodoi")
            for day in (datetime.date(2026, 3, 11), datetime.date(2026, 7, 15)):  # weekdays inside the data
                window = (DirectiveDocument.received_on < day) & (Task.registration_due_on >= day)
                touched = Task.select().join(DirectiveDocument).where(window).count()
                start = time.perf_counter()
                row = calendar_ops.add_override(admin, day, "off", "Nghỉ theo thông báo của tỉnh")
                added = (time.perf_counter() - start) * 1000
                start = time.perf_counter()
                calendar_ops.delete_override(admin, row)
                removed = (time.perf_counter() - start) * 1000
                print(
                    f"override {day:%d/%m/%Y} over {Task.select().count()} tasks: {touched} limits moved; "
                    f"add {added:.0f} ms, remove {removed:.0f} ms (whole transaction, incl. audit)"
                )
    print(f"files left in {work} (delete when done)")


if __name__ == "__main__":
    main()
