"""R-6.3b's verdict on every deadline of a period, counted per lead unit in SQL (R-7.2c, R-25).

The SQL twin of review_rules.entry_verdict (on the register's result_entry_late), proven equal by
tests/monitoring/test_entry_verdicts_sql.py: a deadline counts in the period its limit falls in,
once that limit has passed; it is on time when the result (a period's completion) was entered by
the limit or a progress update was entered from the deadline to the limit, else late.
The limits stay the one Python rule (register.rules.result_entry_due): computed for each deadline
that can count and joined as a VALUES list. A year of 100,000 tasks: 1.7 s of CPU judging 42,000
deadlines one by one in Python, ≈ 0.1 s in SQL (bench/bench_scorecards.py).
"""

import datetime

from peewee import Case, ValuesList, fn

from inspection.db import is_postgres
from inspection.register import rules as register_rules
from inspection.register.models import DirectiveDocument, ProgressUpdate, Task, TaskPeriod

DAY = datetime.timedelta(days=1)
# The limit is at most a few weeks after the deadline (2 working days, Tết included): the
# register's tasks without periods are read in that window (periods are read whatever it is).
WINDOW_DAYS = 30
CHUNK = 2000  # limits per query: 3 parameters each, well under SQLite's and PostgreSQL's caps


def limits(start, end, today, calendar, deadlines):
    """[(deadline, limit, day after the limit)] of the `deadlines` whose limit lies in [start, end]
    and has passed on `today` (R-6.3b)."""
    out = []
    for deadline in sorted(set(deadlines)):
        due = register_rules.result_entry_due(deadline, calendar)
        if start <= due <= end and due < today:
            out.append((deadline, due, due + DAY))
    return out


def _candidate_deadlines(start, end, today):
    """Every deadline of a task or a period whose limit can fall in [start, min(end, today)).

    A limit falls after its deadline and at most a few weeks after it: earlier deadlines than
    the window's are not read (limits() checks each one).
    """
    lo, hi = start - datetime.timedelta(days=2 * WINDOW_DAYS), min(end, today)
    tasks = Task.select(Task.deadline).where(Task.deadline.between(lo, hi)).distinct()
    periods = TaskPeriod.select(TaskPeriod.deadline).where(TaskPeriod.deadline.between(lo, hi)).distinct()
    return {d for (d,) in tasks.tuples()} | {d for (d,) in periods.tuples()}


def _judged(start, end):
    """SQL: the tasks entry_verdict judges, read as review_queries did (ordinary, not returned,
    from the Province; a deadline in the window or a recurrence)."""
    window = (start - datetime.timedelta(days=WINDOW_DAYS), end)
    return (
        (Task.is_secret == False)  # noqa: E712 - R-5.2
        & Task.returned_on.is_null()
        & DirectiveDocument.issuer_kind.in_(sorted(register_rules.PROVINCE_ISSUERS))
        & (Task.deadline.between(*window) | (Task.recurrence != ""))
    )


def _grouped(lim, deadline, entered, source):
    """SELECT lead unit, deadlines judged, late ones: `deadline` / `entered` of `source` rows."""
    pu = ProgressUpdate.alias("pu")
    updated = pu.select(pu.id).where(
        (pu.task == Task.id) & (pu.created_at >= lim.c.deadline) & (pu.created_at < lim.c.after)
    )
    in_time = (entered.is_null(False) & (entered <= lim.c.due)) | fn.EXISTS(updated)
    late = fn.SUM(Case(None, [(in_time, 0)], 1))
    q = source.select(Task.lead_unit, fn.COUNT(Task.id), late).with_cte(lim)
    if source is TaskPeriod:
        q = q.join(Task, on=(TaskPeriod.task == Task.id))
    return (
        q.join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
        .join(lim, on=(deadline == lim.c.deadline))
        .group_by(Task.lead_unit)
    )


def _values(rows):
    """The limits as the VALUES list: SQLite keeps dates as ISO text, PostgreSQL as dates."""
    if is_postgres():
        return rows
    return [tuple(d.isoformat() for d in row) for row in rows]


def counts(start, end, today, calendar):
    """{lead unit id: (on time, late)} of the ordinary tasks' deadlines judged in [start, end] (R-6.3b)."""
    rows = limits(start, end, today, calendar, _candidate_deadlines(start, end, today))
    out = {}
    for i in range(0, len(rows), CHUNK):
        lim = ValuesList(_values(rows[i : i + CHUNK])).cte("lim", columns=("deadline", "due", "after"))
        plain = _grouped(lim, Task.deadline, Task.result_entered_on, Task).where(
            _judged(start, end) & Task.id.not_in(TaskPeriod.select(TaskPeriod.task))
        )
        periods = _grouped(lim, TaskPeriod.deadline, TaskPeriod.completed_on, TaskPeriod).where(_judged(start, end))
        for q in (plain, periods):
            for unit_id, judged, late in q.tuples():
                on_time, was_late = out.get(unit_id, (0, 0))
                out[unit_id] = (on_time + judged - int(late or 0), was_late + int(late or 0))
    return out
