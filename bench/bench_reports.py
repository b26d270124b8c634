"""The Department's yearly report with 100,000 tasks in SQLite (issue 13, R-20.2). Prints numbers; asserts nothing.

Builds the volume with bench_register.py's bulk loader and bench_monitoring.py's history
(deadline extensions on 2 % of the tasks), then leaves exactly 1,000 tasks open past their
deadline on the cut-off (the others are marked completed in time) and measures, for the yearly
report of all units (1/1 - 30/11/2026):
  1. the content as of the cut-off (statistics per unit + the overdue list, urgings, inspections);
  2. the document context, the DOCX, the PDF and the XLSX;
  3. the whole path as the Office meets it: draft (content + checked DOCX) and issue (trial and
     final DOCX + PDF, numbered, stored); goal < 15 s;
  4. peak memory of the process (goal < 500 MB).
Usage: .venv/bin/python bench/bench_reports.py [--tasks 100000] [--overdue 1000] [--db PATH]
(--db PATH: the volume is built in PATH when it is missing and reused by later runs; bench/_volume.py)
"""

import datetime
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._volume import arguments, peak_mib, reset_peak, run, timed  # noqa: E402

TODAY = datetime.date(2026, 12, 5)
START, CUTOFF = datetime.date(2026, 1, 1), datetime.date(2026, 11, 30)


def keep_overdue(n, calendar):
    """Complete (in time) every task open past its deadline on the cut-off except `n` of them."""
    from inspection.db import db
    from inspection.monitoring import figures
    from inspection.register.models import Task

    cond = figures.condition("dang_thuc_hien_qua_han", CUTOFF, calendar, 3)
    ids = [i for (i,) in Task.select(Task.id).where(cond).order_by(Task.id).tuples()]
    extra = ids[n:]
    with db.atomic():
        for i in range(0, len(extra), 500):
            Task.update(is_completed=True, completed_on=Task.registered_on, result_entered_on=Task.registered_on).where(
                Task.id.in_(extra[i : i + 500])
            ).execute()
    print(f"overdue on {CUTOFF:%d/%m/%Y}: {len(ids)} -> {min(n, len(ids))}")


def pieces(spec, calendar):
    """Each piece once: the content, the context, the DOCX, the PDF, the XLSX."""
    from inspection.documents import render_docx, render_pdf
    from inspection.reports import content, document

    print("pieces:")
    data = timed("content as of the cut-off", lambda: content.gather(spec, calendar, 3))
    print(f"    {len(data['stats'])} units, {data['totals']['total']} tasks, {len(data['overdue'])} overdue")
    ctx = timed("document context", lambda: document.context(data, {}, "Toàn Sở"))
    docx = timed("DOCX", lambda: render_docx(document.KIND, ctx))
    pdf = timed("PDF (WeasyPrint)", lambda: render_pdf(document.KIND, ctx))
    xlsx = timed("XLSX", lambda: document.xlsx(data, "Báo cáo năm 2026"))
    print(f"    sizes: DOCX {len(docx) / 1024:.0f} KiB, PDF {len(pdf) / 1024:.0f} KiB, XLSX {len(xlsx) / 1024:.0f} KiB")
    print(f"  peak memory of the pieces {peak_mib():.0f} MiB")


def bench(calendar):
    from inspection.accounts.models import User
    from inspection.documents import operations as documents
    from inspection.documents import signers
    from inspection.reports import document, operations, rules

    spec = dict(kind=rules.YEARLY, start=START, end=CUTOFF, secret=False, scope=rules.ALL, scope_ref="")
    pieces(spec, calendar)
    reset_peak()  # the path's own peak, not the pieces' (their objects are gone)
    chief = User.get(User.username == "chanhvanphong")
    print("the Office's path (goal: draft + issue + XLSX < 15 s, < 500 MB):")
    start, cpu = time.perf_counter(), time.process_time()
    report = timed("draft (content + checked DOCX)", lambda: operations.create(chief, spec, {}, calendar))
    block = signers.signer_block(signers.DEPUTY)
    timed("issue (trial + final DOCX and PDF, stored)", lambda: documents.issue(report.document, chief, signer=block))
    timed("XLSX of the stored content", lambda: document.xlsx(report.data, "Báo cáo năm 2026"))
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"  total {wall:.2f} s wall / {used:.2f} s CPU; peak memory of the path {peak_mib():.0f} MiB")


def main():
    args = arguments(__doc__, overdue=1000)
    run(args, "bench-reports-", TODAY, bench, more=lambda rnd, calendar: keep_overdue(args.overdue, calendar))


if __name__ == "__main__":
    main()
