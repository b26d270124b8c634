"""The task statistics as of any date (R-8): the one place that counts them.

Used by the dashboards here and meant for the periodic reports (issue 13). Inputs are a date,
a working-day calendar and optional filters; outputs are plain dataclasses. Every figure is
counted by the database (one query per group of figures, SUM(CASE ...)); Python only adds up
the few (deadline, entry date) pairs that R-6.3b needs working days for.

"As of" a day D means the register as it stood that day:
- a task counts once registered on or before D (a task without a registration date, an old
  import, counts at every date), and not after being returned on or before D (R-6.2);
- the deadline is the one in force on D: an extension recorded after D did not exist yet,
  so the deadline then was the old deadline of the first extension recorded after D
  (each extension keeps the deadline it replaced: register/operations.py extend_deadline);
- a task is completed if completed on or before D (a completion without date: always);
- then the register's status rule decides (register/rules.py `status()` and `FIGURE_OF`):
  statuses "not started" and "without deadline" count as in progress in time.
Secret tasks (R-5.2) are never in these figures unless `secret=True` asks for the secret
register's own figures, apart; the caller checks clearance first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields

from peewee import SQL, Case, fn

from inspection.monitoring import rules
from inspection.register import rules as register_rules
from inspection.register.models import DeadlineExtension, DirectiveDocument, Task, TaskUnit

FOUR = tuple(key for key, _ in register_rules.FIGURES)
EXTRA = (
    ("due_soon", "Sắp đến hạn"),
    ("no_deadline", "Không có thời hạn"),
    ("late_registration", "Vào sổ chậm (điểm b khoản 1 Điều 6)"),
    ("late_result", "Cập nhật kết quả chậm (điểm b khoản 3 Điều 6)"),
)
LABELS = dict(register_rules.FIGURES) | dict(EXTRA) | {"total": "Tổng số"}
KEYS = (*FOUR, *(key for key, _ in EXTRA))


@dataclass
class Figures:
    """The counts of one group of tasks as of a date."""

    hoan_thanh_dung_han: int = 0
    hoan_thanh_qua_han: int = 0
    dang_thuc_hien_trong_han: int = 0
    dang_thuc_hien_qua_han: int = 0
    due_soon: int = 0
    no_deadline: int = 0
    late_registration: int = 0
    late_result: int = 0

    @property
    def total(self) -> int:
        """Tasks counted by the four figures (returned tasks left out, R-6.2)."""
        return sum(getattr(self, key) for key in FOUR)

    @property
    def completed(self) -> int:
        return self.hoan_thanh_dung_han + self.hoan_thanh_qua_han

    @property
    def completion_pct(self) -> float | None:
        """Completed (on time or late) out of the total, in percent."""
        return rules.percent(self.completed, self.total)

    @property
    def overdue_pct(self) -> float | None:
        """Tasks that missed their deadline (completed late or still open past it) out of the total."""
        return rules.percent(self.hoan_thanh_qua_han + self.dang_thuc_hien_qua_han, self.total)

    def add(self, other: Figures) -> Figures:
        return Figures(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    def as_dict(self) -> dict:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out.update(total=self.total, completion_pct=self.completion_pct, overdue_pct=self.overdue_pct)
        return out


@dataclass
class Row:
    """One line of a table of figures: a lead unit or an issuer kind."""

    key: object
    label: str
    figures: Figures


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
    # indexes instead of scanning the one covering index (migration 0009).
    cond = (fn.COALESCE(Task.registered_on, datetime.date.min) <= as_of) & (
        fn.COALESCE(Task.returned_on, datetime.date.max) > as_of
    )
    return cond if secret is None else (Task.is_secret == bool(secret)) & cond


def _four(day, dl):
    """{key: SQL condition} of the four figures on `day` (register/rules.py FIGURE_OF), `dl` the deadline."""
    done = (Task.is_completed == True) & (Task.completed_on.is_null() | (Task.completed_on <= day))  # noqa: E712
    open_ = (Task.is_completed == False) | (Task.completed_on > day)  # noqa: E712
    return open_, {
        "hoan_thanh_dung_han": done & (Task.completed_on.is_null() | dl.is_null() | (Task.completed_on <= dl)),
        "hoan_thanh_qua_han": done & (Task.completed_on > dl),
        "dang_thuc_hien_trong_han": open_ & (dl.is_null() | (dl >= day)),
        "dang_thuc_hien_qua_han": open_ & (dl < day),
    }


def _conditions(as_of, calendar, due_soon_days, dl):
    """{key: SQL condition} of each figure but the R-6.3b entered-late part (see _late_entered)."""
    open_, conds = _four(as_of, dl)
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


def _count(cond):
    return fn.COUNT(SQL("*")).filter(cond)


def _select(cols, group, join_document, where):
    q = Task.select(*([group.alias("g")] if group is not None else []), *cols)
    if join_document:
        q = q.join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
    q = q.where(where)
    return q.group_by(group) if group is not None else q


def _late_entered(as_of, calendar, where, group, join_document, later):
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
        cols = [group.alias("g")] if group is not None else []
        q = _select([dl.alias("dl"), Task.result_entered_on, fn.COUNT(SQL("*"))], None, join_document, cond)
        q = q.select_extend(*cols).where(Task.result_entered_on > dl).group_by(*cols, Task.result_entered_on, dl)
        for deadline, entered_on, n, *g in q.tuples():
            deadline = _date(deadline)
            if deadline not in due:
                due[deadline] = register_rules.result_entry_due(deadline, calendar)
            if _date(entered_on) > due[deadline]:
                key = g[0] if g else None
                out[key] = out.get(key, 0) + n
    return out


def _date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def involving_condition(unit_id):
    """SQL: the tasks a unit leads or takes part in, as row ids (lookups, not a scan of the register)."""
    led = Task.select(Task.id).where(Task.lead_unit == unit_id)
    linked = TaskUnit.select(TaskUnit.task).where(TaskUnit.unit == unit_id)
    return Task.id.in_(led | linked)


def _filters(as_of, secret, unit_id, involving, issuer):
    cond = in_register(as_of, secret) if as_of else (Task.is_secret == bool(secret))
    if unit_id:
        cond &= Task.lead_unit == unit_id
    if involving:
        cond &= involving_condition(involving)
    if issuer:
        cond &= DirectiveDocument.issuer_kind == issuer
    return cond


def _grouped(as_of, calendar, due_soon_days, secret, group, join_document, where):
    """{group: Figures}: one scan counting every figure with today's deadlines, then a correction
    over the few tasks whose deadline was extended after `as_of` (and the R-6.3b pairs)."""
    later = extended_after(as_of)
    plain = _conditions(as_of, calendar, due_soon_days, Task.deadline)
    out = {}
    for row in _select([_count(c).alias(k) for k, c in plain.items()], group, join_document, where).dicts():
        out[row.get("g")] = Figures(**{k: int(row[k] or 0) for k in plain})
    if later:
        then = _conditions(as_of, calendar, due_soon_days, deadline_as_of(as_of, later))
        cols = [(_count(then[k]) - _count(plain[k])).alias(k) for k in plain]
        for row in _select(cols, group, join_document, where & Task.id.in_(later)).dicts():
            fig = out.setdefault(row.get("g"), Figures())
            for k in plain:
                setattr(fig, k, getattr(fig, k) + int(row[k] or 0))
    if not secret:
        for g, n in _late_entered(as_of, calendar, where, group, join_document, later).items():
            out.setdefault(g, Figures()).late_result += n
    return out


def compute(
    as_of,
    calendar,
    due_soon_days=register_rules.DEFAULT_DUE_SOON_DAYS,
    *,
    unit_id=None,
    involving=None,
    issuer=None,
    secret=False,
) -> Figures:
    """Return the figures of the register as it stood on `as_of`.

    `unit_id` keeps the tasks a unit leads, `involving` those it leads or takes part in,
    `issuer` an issuer kind (register.models.ISSUER_KINDS); `secret=True` counts the secret
    register instead of the ordinary one (R-5.2: never both together).
    """
    where = _filters(as_of, secret, unit_id, involving, issuer)
    return _grouped(as_of, calendar, due_soon_days, secret, None, bool(issuer), where).get(None) or Figures()


def by_lead_unit(
    as_of, calendar, due_soon_days=register_rules.DEFAULT_DUE_SOON_DAYS, *, issuer=None, secret=False
) -> dict:
    """Return {unit id: Figures} of the tasks each unit leads, as of `as_of` (one query)."""
    where = _filters(as_of, secret, None, None, issuer)
    return _grouped(as_of, calendar, due_soon_days, secret, Task.lead_unit, bool(issuer), where)


def by_issuer(
    as_of, calendar, due_soon_days=register_rules.DEFAULT_DUE_SOON_DAYS, *, unit_id=None, secret=False
) -> dict:
    """Return {issuer kind: Figures} as of `as_of` (one query)."""
    where = _filters(as_of, secret, unit_id, None, None)
    return _grouped(as_of, calendar, due_soon_days, secret, DirectiveDocument.issuer_kind, True, where)


def trend(as_of, months=rules.TREND_MONTHS, *, unit_id=None, issuer=None, secret=False) -> list:
    """Return [(month end, Figures)] of the four figures at the end of each of the last months.

    One scan with four COUNT(*) FILTER columns per month end, then one correction over the
    tasks extended after the first month end. The extra figures are left at zero.
    """
    ends = rules.month_ends(as_of, months)
    # Not in_register(as_of): a task returned after an earlier month end still counts there.
    where = _filters(None, secret, unit_id, None, issuer)
    cols, fixes = [], []
    for i, day in enumerate(ends):
        here, plain = in_register(day, secret), _four(day, Task.deadline)[1]
        cols += [_count(here & c).alias(f"{k}_{i}") for k, c in plain.items()]
        later = extended_after(day)
        if later:
            then = _four(day, deadline_as_of(day, later))[1]
            fixes += [(_count(here & then[k]) - _count(here & plain[k])).alias(f"{k}_{i}") for k in plain]
    row = _select(cols, None, bool(issuer), where).dicts().get()
    if fixes:
        extended = extended_after(ends[0])
        for key, n in _select(fixes, None, bool(issuer), where & Task.id.in_(extended)).dicts().get().items():
            row[key] = (row[key] or 0) + (n or 0)
    return [(day, Figures(**{k: int(row[f"{k}_{i}"] or 0) for k in FOUR})) for i, day in enumerate(ends)]


def condition(key, as_of, calendar, due_soon_days=register_rules.DEFAULT_DUE_SOON_DAYS, secret=False):
    """SQL condition of the tasks behind one figure as of `as_of` (the register list's drill-down).

    `key` is one of KEYS, or "" / "total" for every task the four figures count; `secret=None`
    when the query is already limited to one register (register/queries.py scope()).
    """
    cond = in_register(as_of, secret)
    if key in ("", "total") or key not in KEYS:
        return cond
    cond &= _conditions(as_of, calendar, due_soon_days, deadline_as_of(as_of))[key]
    if key == "late_result" and not secret:
        cond |= in_register(as_of, secret) & Task.id.in_(_late_entered_ids(as_of, calendar, secret))
    return cond


def _late_entered_ids(as_of, calendar, secret):
    dl = deadline_as_of(as_of)
    q = Task.select(Task.id, dl.alias("dl"), Task.result_entered_on).where(
        in_register(as_of, secret) & (Task.result_entered_on <= as_of) & (Task.result_entered_on > dl)
    )
    return [
        task_id
        for task_id, deadline, entered in q.tuples()
        if rules.result_entered_late(_date(deadline), _date(entered), calendar)
    ] or [0]


def first_day(secret=False):
    """The earliest registration date in the register (None when empty): no figures before it."""
    return _date(Task.select(fn.MIN(Task.registered_on)).where(Task.is_secret == bool(secret)).scalar())
