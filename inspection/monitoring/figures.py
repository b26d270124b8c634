"""The task statistics as of any date (R-8): the one place that counts them.

Used by the dashboards here and meant for the periodic reports (issue 13). Inputs are a date,
a working-day calendar and optional filters; outputs are plain dataclasses. The database
counts: one grouped scan per group of figures (sql.sums: packed SUMs), a correction
over the few tasks extended after the date, and the R-6.3b entries within MAX_ENTRY_GAP_DAYS
of their deadline judged against the calendar once per deadline. docs/monitoring.md has the
whole API.

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

from dataclasses import dataclass, fields
from types import SimpleNamespace

from peewee import SQL, fn

from inspection.monitoring import rules, sql
from inspection.register import rules as register_rules
from inspection.register.models import DirectiveDocument, Task

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


def _fold(out, rows, maybe=None, sign=1):
    """Add (sign times) grouped sums (sql.sums, read by sql.unpack) into {group: Figures}, and
    the ids of the tasks whose R-6.3b lateness the calendar decides into the list `maybe`."""
    for g, *counts, ids in rows:
        fig = out.setdefault(g, Figures())
        for key, n in sql.unpack(*counts).items():
            setattr(fig, key, getattr(fig, key) + sign * n)
        if maybe is not None and ids:
            maybe.extend(int(task_id) for task_id in str(ids).split(","))


def _sum_rows(as_of, calendar, due_soon_days, group, join_document, where, dl, gather=False):
    cols = sql.sums(as_of, calendar, due_soon_days, dl, join_document, gather)
    rows = sql.select_tasks(cols, group, join_document, where).tuples()
    return rows if group is not None else ((None, *row) for row in rows)


def _grouped(as_of, calendar, due_soon_days, secret, group, join_document, where):
    """{group: Figures}: the summed figures (_summed), then the R-6.3b late entries (_late_results)."""
    later, maybe = sql.extended_after(as_of), []
    out = _summed(as_of, calendar, due_soon_days, group, join_document, where, later, maybe)
    if not secret:
        for g, n in _late_results(as_of, calendar, where, group, join_document, later, maybe).items():
            out.setdefault(g, Figures()).late_result += n
    return out


def _summed(as_of, calendar, due_soon_days, group, join_document, where, later, maybe=None):
    """{group: Figures}: one grouped scan with today's deadlines, then a correction over the few
    tasks whose deadline was extended after `as_of` (`later`); R-6.3b's certain cases only, the
    others' ids gathered into `maybe` (each task once, judged with the deadline then in force)."""
    out = {}
    gather = maybe is not None and (sql.in_ids(later, negate=True) if later else True)
    _fold(out, _sum_rows(as_of, calendar, due_soon_days, group, join_document, where, Task.deadline, gather), maybe)
    if later:
        mine = where & sql.in_ids(later)
        _fold(out, _sum_rows(as_of, calendar, due_soon_days, group, join_document, mine, Task.deadline), sign=-1)
        then = sql.deadline_as_of(as_of, later)
        _fold(
            out, _sum_rows(as_of, calendar, due_soon_days, group, join_document, mine, then, maybe is not None), maybe
        )
    return out


def _late_results(as_of, calendar, where, group, join_document, later, maybe):
    """{group: n} of tasks late in entering progress/results on `as_of` (R-6.3b).

    The tasks certainly late are counted by the grouped scans (sql.sums), which hand back the
    ids of the few (`maybe`) whose entry fell within MAX_ENTRY_GAP_DAYS of the deadline: those,
    read here by id with the deadline in force on `as_of`, and the recurring tasks (each period
    judged) go through the register's rule (register/rules.py result_entry_late).
    """
    out, due = {}, {}
    dl = sql.deadline_as_of(as_of, later)
    cols = [dl, Task.result_entered_on, sql.first_update_from(dl)]
    for start in range(0, len(maybe), sql.IDS_PER_QUERY):
        ids = maybe[start : start + sql.IDS_PER_QUERY]
        query = sql.select_tasks(cols, None, join_document, sql.in_ids(ids))
        for *g, deadline, entered, updated in query.columns(*([group] if group is not None else []), *cols).tuples():
            if sql.late_on_calendar(deadline, entered, updated, calendar, due):
                key = g[0] if g else None
                out[key] = out.get(key, 0) + 1
    for key, _task in _late_recurring(as_of, calendar, where, group, join_document):
        out[key] = out.get(key, 0) + 1
    return out


def _late_recurring(as_of, calendar, where, group, join_document):
    """[(group, task id)] of the recurring tasks (with periods) late on `as_of`: the register's
    rule itself, task by task (recurring tasks are few)."""
    from inspection.register.facts import result_entry_facts

    judged = where & (Task.is_secret == False) & Task.id.in_(sql.recurring_tasks())  # noqa: E712
    cols = [Task.id, Task.deadline, Task.result_entered_on, DirectiveDocument.issuer_kind]
    cols += [group] if group is not None else []
    rows = list(sql.select_tasks(cols, None, True, judged).tuples())
    facts = result_entry_facts([r[0] for r in rows])
    out = []
    for task_id, deadline, entered, issuer_kind, *g in rows:
        updated_on, periods = facts[task_id]
        # As it stood on `as_of`: in the register (the caller's `where`), so not returned yet.
        task = SimpleNamespace(is_secret=False, returned_on=None, deadline=deadline, result_entered_on=entered)
        if register_rules.result_entry_late(
            task, as_of, calendar, issuer_kind=issuer_kind, updated_on=updated_on, periods=periods
        ):
            out.append((g[0] if g else None, task_id))
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
    where = sql.filters(as_of, secret, unit_id, involving, issuer)
    # A unit's tasks are few: reading each one's document beats listing the Province's documents.
    joined = bool(issuer or unit_id or involving)
    return _grouped(as_of, calendar, due_soon_days, secret, None, joined, where).get(None) or Figures()


def by_lead_unit(
    as_of, calendar, due_soon_days=register_rules.DEFAULT_DUE_SOON_DAYS, *, issuer=None, secret=False
) -> dict:
    """Return {unit id: Figures} of the tasks each unit leads, as of `as_of` (one query)."""
    where = sql.filters(as_of, secret, None, None, issuer)
    return _grouped(as_of, calendar, due_soon_days, secret, Task.lead_unit, bool(issuer), where)


def by_issuer(
    as_of, calendar, due_soon_days=register_rules.DEFAULT_DUE_SOON_DAYS, *, unit_id=None, secret=False
) -> dict:
    """Return {issuer kind: Figures} as of `as_of` (one query)."""
    where = sql.filters(as_of, secret, unit_id, None, None)
    return _grouped(as_of, calendar, due_soon_days, secret, DirectiveDocument.issuer_kind, True, where)


def by_unit_issuer(unit_ids, as_of, calendar, due_soon_days=register_rules.DEFAULT_DUE_SOON_DAYS) -> dict:
    """Return {unit id: {issuer kind: Figures}} of the tasks each unit leads in the ordinary
    register as of `as_of`: one scan grouped by (unit, issuer), limited to `unit_ids` (None: all)
    (the units whose figures the cache no longer holds, monitoring/cache.py per_unit); each
    asked unit is in the answer, {} when it leads no task then.

    Per unit and issuer, so that the per-unit table, the per-issuer table and the total are sums
    of what each unit holds, and a write to one unit's task counts that unit again only.
    """
    where = sql.filters(as_of, False, None, None, None)
    if unit_ids is not None:
        where &= sql.in_ids(sorted(unit_ids), field=Task.lead_unit)
    pair = Task.lead_unit.concat(SQL("':'")).concat(DirectiveDocument.issuer_kind)
    out = {unit_id: {} for unit_id in unit_ids or ()}
    for key, fig in _grouped(as_of, calendar, due_soon_days, False, pair, True, where).items():
        unit_id, issuer = str(key).split(":", 1)
        out.setdefault(int(unit_id), {})[issuer] = fig
    return out


def combine(per_unit_issuer) -> tuple:
    """({unit id: Figures}, {issuer kind: Figures}) summed from {unit id: {issuer kind: Figures}}."""
    units, issuers = {}, {}
    for unit_id, by_kind in per_unit_issuer.items():
        for kind, fig in by_kind.items():
            units[unit_id] = units.get(unit_id, Figures()).add(fig)
            issuers[kind] = issuers.get(kind, Figures()).add(fig)
    return units, issuers


def _trend_fold(rows, months):
    """Spread the grouped timelines over the months (per group of tasks, not per task)."""
    out = [Figures() for _ in range(months)]
    for registered, completed, passed, returned, late, n in rows:
        for i in range(registered, min(returned, months)):
            if completed <= i:
                key = "hoan_thanh_qua_han" if late else "hoan_thanh_dung_han"
            else:
                key = "dang_thuc_hien_qua_han" if passed <= i else "dang_thuc_hien_trong_han"
            setattr(out[i], key, getattr(out[i], key) + n)
    return out


def trend(as_of, months=rules.TREND_MONTHS, *, unit_id=None, issuer=None, secret=False) -> list:
    """Return [(month end, Figures)] of the four figures at the end of each of the last months.

    One grouped scan placing each task on the months (sql.timeline) with today's deadlines,
    then the tasks extended since the first month end moved to their figure under the deadline
    then in force (_correct_extended). The extra figures are left at zero.
    """
    ends = rules.month_ends(as_of, months)
    # Not in_register(as_of): a task returned after an earlier month end still counts there.
    where = sql.filters(None, secret, unit_id, None, issuer)
    key = sql.timeline_key(ends)
    q = sql.select_tasks([key, fn.COUNT(SQL("*"))], None, bool(issuer), where).group_by(*sql.by_position(1))
    out = _trend_fold(((*sql.timeline_values(k, months), n) for k, n in q.tuples()), months)
    _correct_extended(out, ends, where & sql.in_ids(sql.extended_after(ends[0])))
    return list(zip(ends, out))


def trend_by_unit(unit_ids, as_of, months=rules.TREND_MONTHS) -> dict:
    """Return {unit id: [Figures] a month} of the ordinary register's tasks each unit leads, at the
    end of each of the last months (trend() per lead unit, one scan; `unit_ids` limits it, None:
    every unit). The
    unit rides in the timeline key (sql.timeline_key) so the scan still groups by one integer."""
    ends = rules.month_ends(as_of, months)
    where = sql.filters(None, False, None, None, None)
    if unit_ids is not None:
        where &= sql.in_ids(sorted(unit_ids), field=Task.lead_unit)
    span = 2 * (months + 1) ** 4  # timeline_key() < span
    key = Task.lead_unit * span + sql.timeline_key(ends)
    q = sql.select_tasks([key, fn.COUNT(SQL("*"))], None, False, where).group_by(*sql.by_position(1))
    rows = {}
    for k, n in q.tuples():
        unit_id, rest = divmod(int(k), span)
        rows.setdefault(unit_id, []).append((*sql.timeline_values(rest, months), n))
    out = {unit_id: [Figures() for _ in range(months)] for unit_id in unit_ids or ()}
    out |= {unit_id: _trend_fold(unit_rows, months) for unit_id, unit_rows in rows.items()}
    _correct_extended(out, ends, where & sql.in_ids(sql.extended_after(ends[0])), by_unit=True)
    return out


def sum_trends(ends, trends) -> list:
    """[(month end, Figures)] summed over the units' trend_by_unit() lists."""
    out = [Figures() for _ in ends]
    for points in trends:
        out = [a.add(b) for a, b in zip(out, points)]
    return list(zip(ends, out))


def _correct_extended(outs, ends, where, by_unit=False):
    """Move each task extended after the first month end from its figure under today's deadline to
    its figure under the deadline in force at each month end (rules.figure_on).

    A loop over these tasks only: extensions are rare (2 % of tasks in the benchmark), and one
    SQL column per month and figure with a subquery each cost more than the whole trend.
    `outs`: the months' Figures, or with `by_unit` {unit id: the months' Figures}.
    """
    out = outs
    tasks = list(
        Task.select(
            Task.id,
            Task.lead_unit,
            Task.registered_on,
            Task.returned_on,
            Task.is_completed,
            Task.completed_on,
            Task.deadline,
        )
        .where(where)
        .tuples()
    )
    history = sql.extension_history([t[0] for t in tasks])
    months = len(ends)
    for task_id, unit_id, *dates, deadline in tasks:
        if by_unit:
            out = outs.setdefault(unit_id, [Figures() for _ in range(months)])
        steps = history.get(task_id, [])
        for i, day in enumerate(ends):
            then_deadline = rules.deadline_then(day, steps, deadline)
            if then_deadline == deadline:  # no extension recorded after this month end
                continue
            before = rules.figure_on(day, *dates, deadline)
            then = rules.figure_on(day, *dates, then_deadline)
            if before != then:
                for key, n in ((before, -1), (then, 1)):
                    if key:
                        setattr(out[i], key, getattr(out[i], key) + n)


def condition(key, as_of, calendar, due_soon_days=register_rules.DEFAULT_DUE_SOON_DAYS, secret=False):
    """SQL condition of the tasks behind one figure as of `as_of` (the register list's drill-down).

    `key` is one of KEYS, or "" / "total" for every task the four figures count; `secret=None`
    when the query is already limited to one register (register/queries.py scope()).
    """
    cond = sql.in_register(as_of, secret)
    if key in ("", "total") or key not in KEYS:
        return cond
    if key == "late_result":
        return cond & Task.id.in_(_late_result_ids(as_of, calendar, cond) if not secret else [0])
    dl = sql.deadline_as_of(as_of, sql.extended_after(as_of))  # today: the column itself
    return cond & sql.conditions(as_of, calendar, due_soon_days, dl)[key]


def _late_result_ids(as_of, calendar, where):
    """Ids of the tasks _late_results() counts (the same SQL and rule, task by task)."""
    dl = sql.deadline_as_of(as_of, sql.extended_after(as_of))
    sure, maybe, cols = sql.late_result_parts(as_of, calendar, dl)
    due = {}
    ids = [task_id for (task_id,) in Task.select(Task.id).where(where & sure).tuples()]
    ids += [
        task_id
        for task_id, *row in Task.select(Task.id, *cols).where(where & maybe).tuples()
        if sql.late_on_calendar(*row, calendar, due)
    ]
    ids += [task_id for _, task_id in _late_recurring(as_of, calendar, where, None, False)]
    return ids or [0]


def first_day(secret=False):
    """The earliest registration date in the register (None when empty): no figures before it."""
    return sql.as_date(Task.select(fn.MIN(Task.registered_on)).where(Task.is_secret == bool(secret)).scalar())
