"""`flask remind` over 100,000 tasks in SQLite (issue 12). Prints numbers; asserts nothing.

Reuses bench_register's builder (the same 100,000 tasks, 1 % secret) and adds five unit
staff with e-mail addresses per unit, so reminders fan out as in an office. Measures:
  1. the reminder run on an ordinary Thursday (goal < 30 s), then the same run again
     (idempotent: it must create nothing);
  2. the run on Monday 23 Feb 2026, the first working day after Tết, whose "after the
     deadline" reminder covers ten days of deadlines (the heaviest day of the year);
  3. delivery of the outbox to a real local SMTP server (aiosmtpd), mails per second;
  4. the bell's unread COUNT (median ms, goal: a few ms).
Usage: .venv/bin/python bench/bench_remind.py [--tasks 100000]
"""

import argparse
import datetime
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_register  # noqa: E402

DAYS = [datetime.date(2026, 11, 19), datetime.date(2026, 2, 23)]


def add_staff():
    from inspection.accounts import operations, roles
    from inspection.accounts.models import Unit

    for unit in Unit.select():
        for k in range(5):
            operations.create_user(
                None,
                username=f"nv{unit.id}x{k}",
                full_name=f"Nhân viên {unit.id}-{k}",
                password="Bench@2026-long",
                roles=[roles.UNIT_HEAD if k == 0 else roles.UNIT_OFFICER],
                unit=unit,
                email=f"nv{unit.id}x{k}@bench.example",
                clearance=k == 1,
            )


def timed_run(day):
    from inspection.calendar.service import build_calendar
    from inspection.notifications import operations

    start, cpu = time.perf_counter(), time.process_time()
    result = operations.run_reminders(day, build_calendar())
    return result, time.perf_counter() - start, time.process_time() - cpu


def bench_delivery(app):
    from aiosmtpd.controller import Controller

    from inspection.notifications import mail

    class Sink:
        count = 0

        async def handle_DATA(self, server, session, envelope):
            Sink.count += 1
            return "250 OK"

    port = free_port()
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        config = dict(app.config, MAIL_HOST="127.0.0.1", MAIL_PORT=port, MAIL_FROM="nhacviec@bench.example")
        start = time.perf_counter()
        result = mail.deliver(config)
        seconds = time.perf_counter() - start
    finally:
        controller.stop()
    rate = result.sent / seconds if seconds else 0
    print(f"outbox delivery: {result.sent} mails in {seconds:.1f} s ({rate:.0f}/s), server received {Sink.count}")


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_bell():
    from inspection.accounts.models import User
    from inspection.notifications import queries

    user = User.get(User.username == "nv5x0")
    wall, cpu = bench_register.median_ms(lambda: queries.unread_count(user), repeat=21)
    print(f"bell unread count ({queries.unread_count(user)} unread): {wall:.2f} ms wall, {cpu:.2f} ms CPU")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    args = parser.parse_args()

    from inspection.db import db, migrate
    from inspection.demo import seed_foundation
    from inspection.notifications.models import Notification

    work = Path(tempfile.mkdtemp(prefix="bench-remind-"))
    app = bench_register.make_app(work / "bench.sqlite3")
    with app.app_context():
        migrate()
        with db.connection_context():
            seed_foundation({})
            add_staff()
            bench_register.bulk_load(args.tasks, random.Random(2026))
            db.execute_sql("ANALYZE")
            for day in DAYS:
                result, wall, cpu = timed_run(day)
                print(
                    f"remind {day:%a %d/%m/%Y}: {result.task_messages} task + {result.monthly_messages} monthly "
                    f"messages (ordinary) in {wall:.2f} s wall, {cpu:.2f} s CPU (goal < 30 s)"
                )
                again, wall, cpu = timed_run(day)
                print(
                    f"  same day again: {again.task_messages + again.monthly_messages} new in {wall:.2f} s wall, "
                    f"{cpu:.2f} s CPU"
                )
            print(f"messages in the inbox table: {Notification.select().count()}")
            bench_delivery(app)
            bench_bell()
    print(f"files left in {work} (delete when done)")


if __name__ == "__main__":
    main()
