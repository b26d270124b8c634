"""The units' scorecards (R-25) and the report on the regulation (R-23) with 100,000 tasks in SQLite
(issue 13). Prints numbers; asserts nothing.

Builds the volume with bench_register.py's bulk loader and bench_monitoring.py's history
(deadline extensions on 2 % of the tasks), adds every unit's monthly reports of 2026 (one in
four late, one in ten missing), then measures for the year 2026 (cut-off 30/11/2026 = today):
  1. each source: task figures per unit, update timeliness and flags, unit report tallies;
  2. the whole scorecard of all units, sorted (goal < 1 s), and its XLSX;
  3. the report on the regulation (R-23) and its XLSX.
Usage: .venv/bin/python bench/bench_scorecards.py [--tasks 100000] [--db PATH]
(--db PATH: the volume is built in PATH when it is missing and reused by later runs; bench/_volume.py)
"""

import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._volume import arguments, run, timed  # noqa: E402


def best_of_3(label, fn):
    return timed(label, fn, repeat=3)


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


def bench(calendar):
    from datetime import date

    from inspection.monitoring import figures
    from inspection.monitoring.review_queries import unit_update_stats
    from inspection.reports import scorecard, scorecard_export, scorecard_queries
    from inspection.unit_reports import queries as unit_report_queries

    print("sources:")
    figs = best_of_3("task figures per unit (figures.by_lead_unit)", lambda: figures.by_lead_unit(TODAY, calendar))
    print(f"    {len(figs)} units, {sum(f.total for f in figs.values())} tasks")
    best_of_3(
        "update timeliness, flags (unit_update_stats)",
        lambda: unit_update_stats(date(YEAR, 1, 1), TODAY, calendar=calendar, today=TODAY),
    )
    best_of_3(
        "monthly report tallies (submission_status x 11)",
        lambda: unit_report_queries.year_tallies(YEAR, TODAY, calendar),
    )
    print("the scorecard of all units (goal < 1 s):")
    key, descending = scorecard.parse_sort("-score")
    page = best_of_3(
        "scorecard page data, sorted", lambda: scorecard_queries.scorecard_page(YEAR, key, descending, TODAY, calendar)
    )
    xlsx = best_of_3("its XLSX", lambda: scorecard_export.scorecard_xlsx(page["rows"], page["heading"]))
    print(f"    {len(page['rows'])} rows, XLSX {len(xlsx) / 1024:.0f} KiB")
    print("the report on the regulation (R-23):")
    reg = best_of_3("figures and sections", lambda: scorecard_queries.regulation_page(YEAR, TODAY, calendar))
    best_of_3("its XLSX", lambda: scorecard_export.regulation_xlsx(reg["sections"], reg["heading"]))


def main():
    run(arguments(__doc__), "bench-scorecards-", TODAY, bench, more=add_unit_reports)


if __name__ == "__main__":
    main()
