"""A unit's monthly report (R-19.1, R-20.1) with 100,000 tasks in SQLite (issue 13: "a unit's
monthly report under 2 s"). Prints numbers; asserts nothing.

Builds (or reuses, --db) the volume of bench/_volume.py, takes the busiest reporting unit (the
most tasks it leads) and a head for it (an account the bench adds to the volume once), and
measures for the report of 11/2026 on 18/11/2026 (on time), each best of 3:
  1. what the system prepares: figures, overdue tasks with reasons, difficulties (prepared_content);
  2. the page's data (report_page) and the page itself (its first 50 overdue tasks), GET through
     the test client as the head;
  3. sending it: operations.submit, then the head's "Gửi báo cáo" POST through the test client
     (the Office returns it between two sendings, not timed), and the sent page it redirects to.
Usage: .venv/bin/python bench/bench_unit_report.py [--tasks 100000] [--db PATH]
"""

import datetime
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._volume import arguments, reset_peak, run, timed  # noqa: E402

TODAY = datetime.date(2026, 11, 18)
HEAD = "truongbench"
REASON = "Chờ ý kiến thẩm định của các sở, ngành; đơn vị đã có văn bản đôn đốc."


def busiest_unit():
    from peewee import fn

    from inspection.register.models import Task
    from inspection.unit_reports import queries

    ids = {u.id: u for u in queries.reporting_units()}
    rows = Task.select(Task.lead_unit, fn.COUNT(Task.id)).where(Task.lead_unit.in_(list(ids))).group_by(Task.lead_unit)
    unit_id, count = max(rows.tuples(), key=lambda row: row[1])
    return ids[unit_id], count


def head_of(unit):
    """The bench's unit head of `unit`: made once, kept in the volume."""
    from inspection.accounts import operations
    from inspection.accounts import roles as R
    from inspection.accounts.models import User
    from inspection.demo import DEMO_PASSWORD

    return User.get_or_none(User.username == HEAD) or operations.create_user(
        None, username=HEAD, full_name="Trần Văn Bình", password=DEMO_PASSWORD, roles=[R.UNIT_HEAD], unit=unit
    )


def bench(calendar):
    from flask import current_app

    from inspection.accounts.models import User
    from inspection.db import db
    from inspection.demo import DEMO_PASSWORD
    from inspection.unit_reports import operations, queries, rules

    unit, led = busiest_unit()
    head, office = head_of(unit), User.get(User.username == "theodoi")
    period = rules.Period(TODAY.year, TODAY.month)
    url = f"/reports/units/{unit.id}/{period.year}/{period.month}"

    def back_to_draft():
        report = queries.report_for(unit.id, period)
        if report is not None and report.state == rules.SUBMITTED:
            operations.return_report(office, unit, period, "Bổ sung lý do chậm của các nhiệm vụ quá hạn.")

    back_to_draft()  # a volume reused after an earlier run
    print(f"{unit.name}: leads {led} tasks; report {period}, due {rules.due_date(period, calendar):%d/%m/%Y}")
    reset_peak()
    print("preparing (the system, from the register):")
    content = timed(
        "figures, overdue tasks, difficulties",
        lambda: queries.prepared_content(unit.id, period, TODAY, calendar, {}),
        repeat=3,
    )
    overdue = content["overdue"]
    print(f"    {len(overdue)} overdue tasks, figures {content['figures']}")
    timed("the page's data (report_page)", lambda: queries.report_page(unit, period, TODAY, calendar), repeat=3)
    logging.getLogger("inspection.requests").setLevel(logging.WARNING)  # one log line per request
    client = current_app.test_client()
    login = client.post("/login", data={"username": HEAD, "password": DEMO_PASSWORD})
    assert login.status_code == 302, "bench login failed"
    page = timed("the page, GET as the unit head", lambda: client.get(url), repeat=3)
    print(f"    HTTP {page.status_code}, {len(page.data) / 1024:.0f} KiB of HTML")
    reasons = {str(row["id"]): REASON for row in overdue}
    remarks = "Đơn vị đã tập trung chỉ đạo; các nhiệm vụ quá hạn đã nêu rõ lý do."
    # The page shows 50 overdue tasks and posts their reasons; the others' stay in the draft
    # (operations.submit, timed first, stored them all).
    shown = overdue[: queries.OVERDUE_PER_PAGE]
    form = {f"reason_{row['id']}": REASON for row in shown} | {"head_remarks": remarks, "send": "1"}
    print("sending (the unit head):")
    sending = [
        ("operations.submit", lambda: operations.submit(head, unit, period, remarks, reasons, TODAY, calendar)),
        ("'Gửi báo cáo', POST as the unit head", lambda: client.post(url, data=form)),
    ]
    for label, send in sending:
        best = cpu_best = None
        for _ in range(3):
            back_to_draft()
            start, cpu = time.perf_counter(), time.process_time()
            out = send()
            wall, used = time.perf_counter() - start, time.process_time() - cpu
            best, cpu_best = min(best or wall, wall), min(cpu_best or used, used)
        state = queries.report_for(unit.id, period).state
        status = f", HTTP {out.status_code}" if hasattr(out, "status_code") else ""
        print(f"  {label:<48} {best:6.3f} s wall / {cpu_best:6.3f} s CPU (best of 3){status}, {state}")
    sent = timed("the sent page (frozen content), GET", lambda: client.get(url), repeat=3)
    print(f"    HTTP {sent.status_code}, {len(sent.data) / 1024:.0f} KiB of HTML")
    db.connection_context().__enter__()  # each request's teardown closed run()'s connection: reopen it for run()


def main():
    run(arguments(__doc__), "bench-unit-report-", TODAY, bench)


if __name__ == "__main__":
    main()
