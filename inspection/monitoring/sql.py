"""SQL building blocks of the figures as of a date (monitoring/figures.py holds the API).

Each function returns a peewee expression or runs one grouped query; the meaning of "as of"
is written once, in figures.py's docstring.
"""

import datetime

from peewee import SQL, Case, fn

from inspection.db import is_postgres
from inspection.monitoring import rules
from inspection.register import rules as register_rules
from inspection.register.models import DeadlineExtension, DirectiveDocument, Task, TaskUnit


def _midnight_after(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())


def extended_after(as_of: datetime.date) -> list:
    """Ids of the tasks with a deadline extension recorded after `as_of` (few: extensions are rare)."""
    q = DeadlineExtension.select(DeadlineExtension.task).where(DeadlineExtension.recorded_at >= _midnight_after(as_of))
    return sorted({task_id for (task_id,) in q.tuples()})


def deadline_as_of(as_of: datetime.date, later=None):
    """SQL: the deadline in force on `as_of` (extensions recorded later did not exist yet).

    `later` (extended_after(as_of), when the caller has it) spares the subquery; when it is
    empty the deadline in force is the task's own column.
    """
    if later is not None and not later:
        return Task.deadline
    after = _midnight_after(as_of)
    if later is None:
        later = DeadlineExtension.select(DeadlineExtension.task).where(DeadlineExtension.recorded_at >= after)
    ext = DeadlineExtension.alias("first_later")
    replaced = (
        ext.select(ext.old_deadline)
        .where((ext.task == Task.id) & (ext.recorded_at >= after))
        .order_by(ext.recorded_at, ext.id)
        .limit(1)
    )
    return Case(None, [(Task.id.in_(later), replaced)], Task.deadline)


def in_register(as_of: datetime.date, secret: bool = False):
    """SQL: the tasks the four figures count on `as_of`: registered by then and not returned by then.

    `secret` picks the ordinary (False) or secret (True) register; None leaves it to the caller.
    """
    # COALESCE, not "IS NULL OR": an OR would make the planner look rows up through two
    # indexes instead of scanning the one covering index (migration 0014).
    cond = (fn.COALESCE(Task.registered_on, datetime.date.min) <= as_of) & (
        fn.COALESCE(Task.returned_on, datetime.date.max) > as_of
    )
    return cond if secret is None else (Task.is_secret == bool(secret)) & cond


def four(day, dl):
    """{key: SQL condition} of the four figures on `day` (register/rules.py FIGURE_OF), `dl` the deadline."""
    done = (Task.is_completed == True) & (Task.completed_on.is_null() | (Task.completed_on <= day))  # noqa: E712
    open_ = (Task.is_completed == False) | (Task.completed_on > day)  # noqa: E712
    return open_, {
        "hoan_thanh_dung_han": done & (Task.completed_on.is_null() | dl.is_null() | (Task.completed_on <= dl)),
        "hoan_thanh_qua_han": done & (Task.completed_on > dl),
        "dang_thuc_hien_trong_han": open_ & (dl.is_null() | (dl >= day)),
        "dang_thuc_hien_qua_han": open_ & (dl < day),
    }


def conditions(as_of, calendar, due_soon_days, dl):
    """{key: SQL condition} of each figure but the R-6.3b entered-late part (see late_entered)."""
    open_, conds = four(as_of, dl)
    limit = register_rules.due_soon_limit(as_of, calendar, due_soon_days)
    entered = Task.result_entered_on.is_null(False) & (Task.result_entered_on <= as_of)
    cutoff = rules.result_entry_cutoff(as_of, calendar)
    return conds | {
        "due_soon": open_ & (dl >= as_of) & (dl <= limit),
        "no_deadline": open_ & dl.is_null(),
        "late_registration": Task.registered_on.is_null(False)
        & Task.registration_due_on.is_null(False)
        & (Task.registered_on > Task.registration_due_on),
        # R-6.3b, no result by D although the limit passed; secret tasks are never late.
        "late_result": (Task.is_secret == False) & ~entered & (dl <= cutoff),  # noqa: E712
    }


def select_tasks(cols, group, join_document, where):
    q = Task.select(*([group.alias("g")] if group is not None else []), *cols)
    if join_document:
        q = q.join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
    q = q.where(where)
    return q.group_by(group) if group is not None else q


def late_entered(as_of, calendar, where, group, join_document, later):
    """{group: n} of results entered by `as_of` but after their R-6.3b limit.

    SQL counts the rows entered after their deadline per (group, deadline, entry date), the
    tasks extended after `as_of` apart with the deadline then in force; working days are then
    checked once per distinct deadline, not per task.
    """
    entered = where & (Task.is_secret == False) & (Task.result_entered_on <= as_of)  # noqa: E712
    parts = [(Task.deadline, entered & Task.id.not_in(later) if later else entered)]
    if later:
        parts.append((deadline_as_of(as_of, later), entered & Task.id.in_(later)))
    out, due = {}, {}
    for dl, cond in parts:
        # Entry date first: grouped by deadline first, SQLite would walk the deadline index instead.
        keys = [Task.result_entered_on, dl] + ([group] if group is not None else [])
        # Within 2 days of the deadline a result is never late, past MAX_ENTRY_GAP_DAYS always
        # (counted by classes()): only the entries between need the calendar.
        gap = days_between(Task.result_entered_on, dl)
        window = (Task.result_entered_on > dl) & (gap > 2) & (gap <= rules.MAX_ENTRY_GAP_DAYS)
        q = select_tasks([*keys, fn.COUNT(SQL("*"))], None, join_document, cond & window)
        for entered_on, deadline, *g, n in q.group_by(*by_position(len(keys))).tuples():
            deadline = as_date(deadline)
            if deadline not in due:
                due[deadline] = register_rules.result_entry_due(deadline, calendar)
            if as_date(entered_on) > due[deadline]:
                key = g[0] if g else None
                out[key] = out.get(key, 0) + n
    return out


def as_date(value):
    """A date from what the database returns (a date, a datetime, or ISO text on SQLite)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def involving_condition(unit_id):
    """SQL: the tasks a unit leads or takes part in.

    Written as an OR so SQLite reads the unit's range of the covering index plus the linked
    row ids (MULTI-INDEX OR): twice as fast as one IN over both (bench/bench_monitoring.py).
    """
    linked = TaskUnit.select(TaskUnit.task).where(TaskUnit.unit == unit_id)
    return (Task.lead_unit == unit_id) | Task.id.in_(linked)


def filters(as_of, secret, unit_id, involving, issuer):
    cond = in_register(as_of, secret) if as_of else (Task.is_secret == bool(secret))
    if unit_id:
        cond &= Task.lead_unit == unit_id
    if involving:
        cond &= involving_condition(involving)
    if issuer:
        cond &= DirectiveDocument.issuer_kind == issuer
    return cond


def classes(as_of, calendar, due_soon_days, dl):
    """SQL columns classifying a task on `as_of`: the figure code (CODES) and four yes/no flags.

    One CASE per task with early exit, grouped by the database: much cheaper per row than a
    COUNT(*) FILTER per figure (bench/bench_monitoring.py). Twin of conditions, checked by
    tests/monitoring/test_figures.py (drill-down counts equal the figures).
    """
    done = (Task.is_completed == True) & (Task.completed_on.is_null() | (Task.completed_on <= as_of))  # noqa: E712
    on_time = Task.completed_on.is_null() | dl.is_null() | (Task.completed_on <= dl)
    entered = Task.result_entered_on.is_null(False) & (Task.result_entered_on <= as_of)
    return [
        Case(None, [(done & on_time, 1), (done, 2), (dl < as_of, 4)], 3),
        (dl >= as_of) & (dl <= register_rules.due_soon_limit(as_of, calendar, due_soon_days)),
        dl.is_null(),
        Task.registered_on > Task.registration_due_on,
        # R-6.3b: no result although the limit passed, or one entered so long after the deadline
        # that it is late whatever the calendar (late_entered() judges the others).
        (Task.is_secret == False)  # noqa: E712
        & (
            (~entered & (dl <= rules.result_entry_cutoff(as_of, calendar)))
            | (entered & (days_between(Task.result_entered_on, dl) > rules.MAX_ENTRY_GAP_DAYS))
        ),
    ]


def days_between(later, earlier):
    """SQL: whole days from `earlier` to `later` (SQLite keeps dates as text, PostgreSQL subtracts)."""
    if is_postgres():
        return later - earlier
    return fn.julianday(later) - fn.julianday(earlier)


def by_position(n):
    """GROUP BY 1..n: PostgreSQL would not match expressions whose parameters are numbered apart."""
    return [SQL(str(i)) for i in range(1, n + 1)]


def _bucket(expr, ends, passed):
    """SQL: the index of the first month end at which `passed(expr, end)` holds, len(ends) if none."""
    return Case(None, [(passed(expr, day), i) for i, day in enumerate(ends)], len(ends))


def timeline(ends):
    """SQL columns placing a task on the months: registered, completed, deadline passed, returned, late.

    With today's deadlines; tasks extended since the first month end are corrected apart.
    """
    never = len(ends)
    return [
        _bucket(fn.COALESCE(Task.registered_on, datetime.date.min), ends, lambda e, d: e <= d),
        Case(
            None,
            [(Task.is_completed == False, never), (Task.completed_on.is_null(), 0)],  # noqa: E712
            _bucket(Task.completed_on, ends, lambda e, d: e <= d),
        ),
        Case(None, [(Task.deadline.is_null(), never)], _bucket(Task.deadline, ends, lambda e, d: e < d)),
        Case(None, [(Task.returned_on.is_null(), never)], _bucket(Task.returned_on, ends, lambda e, d: e <= d)),
        Task.completed_on > Task.deadline,
    ]


def extension_history(task_ids):
    """{task id: [(recorded on, old deadline)]} in the order recorded, for rules.deadline_then()."""
    out = {}
    if not task_ids:
        return out
    q = (
        DeadlineExtension.select(DeadlineExtension.task, DeadlineExtension.recorded_at, DeadlineExtension.old_deadline)
        .where(DeadlineExtension.task.in_(task_ids))
        .order_by(DeadlineExtension.recorded_at, DeadlineExtension.id)
    )
    for task_id, recorded_at, old in q.tuples():
        out.setdefault(task_id, []).append((as_date(recorded_at), as_date(old)))
    return out
