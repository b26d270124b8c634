"""SQL building blocks of the figures as of a date (monitoring/figures.py holds the API).

Each function returns a peewee expression or runs one grouped query; the meaning of "as of"
is written once, in figures.py's docstring.
"""

import datetime

from peewee import SQL, Case, Expression, fn

from inspection.db import is_postgres
from inspection.monitoring import rules
from inspection.register import rules as register_rules
from inspection.register.models import (
    DeadlineExtension,
    DirectiveDocument,
    ProgressUpdate,
    Task,
    TaskPeriod,
    TaskUnit,
)


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
    return Case(None, [(in_ids(later), replaced)], Task.deadline)


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
    """{key: SQL condition} of each figure but late_result (late_result_parts() and figures.py)."""
    open_, conds = four(as_of, dl)
    limit = register_rules.due_soon_limit(as_of, calendar, due_soon_days)
    return conds | {
        "due_soon": open_ & (dl >= as_of) & (dl <= limit),
        "no_deadline": open_ & dl.is_null(),
        "late_registration": Task.registered_on.is_null(False)
        & Task.registration_due_on.is_null(False)
        & (Task.registered_on > Task.registration_due_on),
    }


def sums(as_of, calendar, due_soon_days, dl, joined=False, gather=False):
    """SQL columns, one row per group: COUNT and three SUMs that hold every figure (unpack()),
    then the ids of the tasks R-6.3b leaves to the calendar (`gather`: True, or a condition
    restricting them; False: none), so that no second scan looks for them.

    Each task runs one short CASE per SUM instead of one condition per figure: the four figures
    share their tests (done by then? late? deadline passed?) and each SUM adds a task into the
    field of its figure (FIELD_BITS bits each). On 100,000 tasks that halves the work of a
    grouped scan (6.4 → 3.7 million SQLite steps, bench/bench_monitoring.py). Sums grouped by
    the lead unit stream along the covering index (migration 0014): no sort.
    """
    done = (Task.is_completed == True) & (Task.completed_on.is_null() | (Task.completed_on <= as_of))  # noqa: E712
    limit = register_rules.due_soon_limit(as_of, calendar, due_soon_days)
    # hoàn thành đúng hạn | hoàn thành quá hạn | đang thực hiện quá hạn (the fourth: COUNT minus these)
    four = Case(None, [(done, Case(None, [(Task.completed_on > dl, FIELD)], 1)), (dl < as_of, FIELD * FIELD)], 0)
    # không có thời hạn | sắp đến hạn (open tasks) | vào sổ chậm
    extra = Case(None, [(done, 0), (dl.is_null(), 1), (dl < as_of, 0), (dl <= limit, FIELD)], 0) + Case(
        None, [(Task.registered_on > Task.registration_due_on, FIELD * FIELD)], 0
    )
    late, maybe, _cols = late_result_parts(as_of, calendar, dl, joined)  # R-6.3b
    ids = gathered_ids(maybe if gather is True else maybe & gather) if gather is not False else SQL("NULL")
    return [fn.COUNT(SQL("*")), fn.SUM(four), fn.SUM(extra), fn.SUM(Case(None, [(late, 1)], 0)), ids]


def gathered_ids(cond):
    """SQL aggregate: the ids of the group's tasks meeting `cond`, as text "id,id,…" (NULL if none)."""
    if is_postgres():
        return fn.string_agg(Case(None, [(cond, Task.id.cast("text"))], None), ",")
    return fn.GROUP_CONCAT(Case(None, [(cond, Task.id)], None))


IDS_PER_QUERY = 5000  # ids in one IN list


def in_ids(ids, negate=False, field=Task.id):
    """SQL: `field` (the task's id) is (not) one of `ids`, written as literal integers (a query of
    the figures may hold thousands: binding each as a parameter costs peewee more than SQLite)."""
    if not isinstance(ids, (list, tuple)):  # a subquery
        return field.not_in(ids) if negate else field.in_(ids)
    if not ids:
        return SQL("1 = 1") if negate else SQL("1 = 0")
    listed = SQL("(" + ",".join(str(int(i)) for i in ids) + ")")
    return Expression(field, "NOT IN" if negate else "IN", listed)


FIELD_BITS = 21  # a field of a packed SUM counts up to 2,097,151 tasks of one group
FIELD = 1 << FIELD_BITS


def _fields(value, n=3):
    value = int(value or 0)
    return [(value >> (FIELD_BITS * i)) & (FIELD - 1) for i in range(n)]


def unpack(count, four, extra, late) -> dict:
    """{figure key: count} of one row of sums() (SUM_KEYS)."""
    count = int(count or 0)
    if count >= FIELD:
        raise OverflowError(f"{count} tasks in one group: more than a packed SUM field holds")
    on_time, done_late, overdue = _fields(four)
    no_deadline, due_soon, late_registration = _fields(extra)
    return {
        "hoan_thanh_dung_han": on_time,
        "hoan_thanh_qua_han": done_late,
        "dang_thuc_hien_trong_han": count - on_time - done_late - overdue,
        "dang_thuc_hien_qua_han": overdue,
        "due_soon": due_soon,
        "no_deadline": no_deadline,
        "late_registration": late_registration,
        "late_result": int(late or 0),
    }


SUM_KEYS = (
    "hoan_thanh_dung_han",
    "hoan_thanh_qua_han",
    "dang_thuc_hien_trong_han",
    "dang_thuc_hien_qua_han",
    "due_soon",
    "no_deadline",
    "late_registration",
    "late_result",
)


def select_tasks(cols, group, join_document, where):
    q = Task.select(*([group.alias("g")] if group is not None else []), *cols)
    if join_document:
        q = q.join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
    q = q.where(where)
    # By position: PostgreSQL would not match a group expression holding a bound parameter.
    return q.group_by(SQL("1")) if group is not None else q


# --- R-6.3b: late progress/result entries (register/rules.py result_entry_late, the one rule) ---


def province_documents():
    """SQL: the documents whose tasks R-6.3b binds (register.rules.PROVINCE_ISSUERS)."""
    kinds = sorted(register_rules.PROVINCE_ISSUERS)
    return DirectiveDocument.select(DirectiveDocument.id).where(DirectiveDocument.issuer_kind.in_(kinds))


def recurring_tasks():
    """SQL: the tasks with periods; R-6.3b judges each period (figures.py applies the rule to them)."""
    return TaskPeriod.select(TaskPeriod.task)


def first_update_from(dl):
    """SQL: the day the first progress update on or after `dl` was entered (R-6.3b counts entry days)."""
    pu = ProgressUpdate.alias("pu")
    return fn.DATE(pu.select(fn.MIN(pu.created_at)).where((pu.task == Task.id) & (pu.created_at >= dl)))


def updated_within(dl, days):
    """SQL: a progress update was entered from `dl` to `days` calendar days after it.

    The IN over the tasks with any update is cheap; only those tasks run the correlated search.
    """
    pu = ProgressUpdate.alias("pu")
    near = (pu.task == Task.id) & (pu.created_at >= dl) & (days_between(fn.DATE(pu.created_at), dl) <= days)
    return Task.id.in_(ProgressUpdate.select(ProgressUpdate.task)) & fn.EXISTS(pu.select(SQL("1")).where(near))


def from_province(joined):
    """SQL: the task's document is the Province's (R-6.3b): read from the joined document, else
    through the list of those documents (`document_id + 0` keeps SQLite on the covering index)."""
    if joined:
        return DirectiveDocument.issuer_kind.in_(sorted(register_rules.PROVINCE_ISSUERS))
    return (Task.document + 0).in_(province_documents())


def late_result_parts(as_of, calendar, dl, joined=False):
    """(sure, maybe, columns) of R-6.3b on `as_of` for the tasks without periods, `dl` the deadline.

    A task is late when its limit (2 working days after the deadline in force) has passed and
    neither its result nor a progress update entered from the deadline on came by the limit.
    Of the judged tasks (ordinary, from the Province) whose limit has passed: `sure` have
    neither a result nor an update within MAX_ENTRY_GAP_DAYS (always late: counted in SQL);
    `maybe` the few others whose result did not come within 2 calendar days (always in time)
    and whose `columns` (deadline, result entered, first update) go through late_on_calendar().
    The cheap tests come first, the Province's documents last (a lookup per task when the query
    does not join them, `joined`: from_province()).
    """
    entered, gap = Task.result_entered_on, rules.MAX_ENTRY_GAP_DAYS
    judged = (
        # COALESCE: not an index range on the deadline (table lookups) but the covering scan.
        (fn.COALESCE(dl, None) <= rules.result_entry_cutoff(as_of, calendar))
        & (Task.is_secret == False)  # noqa: E712 - R-6.3b: secret tasks are never late
        & Task.id.not_in(recurring_tasks())
    )
    near = updated_within(dl, gap)
    sure = judged & (entered.is_null() | (entered > plus_days(dl, gap))) & ~near & from_province(joined)
    entered_near = entered.is_null(False) & (entered > plus_days(dl, 2)) & (entered <= plus_days(dl, gap))
    maybe = judged & (entered_near | ((entered.is_null() | (entered > plus_days(dl, 2))) & near))
    return sure, maybe & from_province(joined), [dl, entered, first_update_from(dl)]


def late_on_calendar(deadline, entered, updated, calendar, due_cache) -> bool:
    """The register's rule for one (deadline, result entered, first update from the deadline) row
    whose limit has passed: late unless one of the two came by the limit (R-6.3b)."""
    deadline = as_date(deadline)
    if deadline not in due_cache:
        due_cache[deadline] = register_rules.result_entry_due(deadline, calendar)
    return not any(day is not None and as_date(day) <= due_cache[deadline] for day in (entered, updated))


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


def plus_days(day, n):
    """SQL: the date `n` days after `day` (SQLite keeps dates as ISO text: compared as text)."""
    if is_postgres():
        return day + SQL(str(int(n)))  # a literal: PostgreSQL adds an integer to a date
    return fn.DATE(day, f"+{int(n)} days")


def days_between(later, earlier):
    """SQL: whole days from `earlier` to `later` (SQLite keeps dates as text, PostgreSQL subtracts)."""
    if is_postgres():
        return later - earlier
    return fn.julianday(later) - fn.julianday(earlier)


def by_position(n):
    """GROUP BY 1..n: PostgreSQL would not match expressions whose parameters are numbered apart."""
    return [SQL(str(i)) for i in range(1, n + 1)]


def _bucket(expr, ends, passed, lo=0, hi=None):
    """SQL: the index of the first month end at which `passed(expr, end)` holds, len(ends) if none.

    `passed` only turns true as the month ends go on, so the CASE halves the months at each
    level: 4 comparisons a task instead of up to 12 (bench/bench_monitoring.py, the trend).
    """
    hi = len(ends) if hi is None else hi
    if lo == hi:
        return SQL(str(lo))
    mid = (lo + hi) // 2
    return Case(
        None,
        [(passed(expr, ends[mid]), _bucket(expr, ends, passed, lo, mid))],
        _bucket(expr, ends, passed, mid + 1, hi),
    )


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


def timeline_key(ends):
    """SQL: the five timeline() columns as one number in base len(ends) + 1 (timeline_values()).

    A GROUP BY over one integer sorts the 100,000 tasks in a third of the time five columns
    take (bench/bench_monitoring.py, the trend).
    """
    base, key = len(ends) + 1, None
    for col in reversed(timeline(ends)[:4]):
        key = col if key is None else col + key * base
    late = Case(None, [(Task.completed_on > Task.deadline, 1)], 0)
    return key + late * base**4


def timeline_values(key, months):
    """(registered, completed, deadline passed, returned, late) from one timeline_key() value."""
    base, key, out = months + 1, int(key), []
    for _ in range(4):
        key, digit = divmod(key, base)
        out.append(digit)
    return (*out, key)


def extension_history(task_ids):
    """{task id: [(recorded on, old deadline)]} in the order recorded, for rules.deadline_then()."""
    out = {}
    if not task_ids:
        return out
    q = (
        DeadlineExtension.select(DeadlineExtension.task, DeadlineExtension.recorded_at, DeadlineExtension.old_deadline)
        .where(in_ids(task_ids, field=DeadlineExtension.task))
        .order_by(DeadlineExtension.recorded_at, DeadlineExtension.id)
    )
    for task_id, recorded_at, old in q.tuples():
        out.setdefault(task_id, []).append((as_date(recorded_at), as_date(old)))
    return out
