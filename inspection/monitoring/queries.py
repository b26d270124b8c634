"""Page data of the dashboards (R-8): figures, tables, charts, and what waits for a unit.

Views ask `leadership_page()` or `unit_page()` and render; nothing here writes. Parts that
give a unit something to do add it to the unit's dashboard with `waiting_section` (the cases
part's requests and notices, the register's flagged updates below; the urging part's
letters received will register here the same way).
"""

from dataclasses import dataclass

from flask import current_app, url_for
from peewee import Case, fn

from inspection.accounts.models import Unit
from inspection.monitoring import cache, charts, figures, rules, sql
from inspection.register.models import ISSUER_KINDS, DirectiveDocument, Task
from inspection.text import parse_vn_date

UNIT_LIST_LIMIT = 10
URGENCY = (  # (figure key, heading) of a unit's task lists, most urgent first
    ("dang_thuc_hien_qua_han", "Quá hạn"),
    ("due_soon", "Sắp đến hạn"),
    ("dang_thuc_hien_trong_han", "Trong hạn"),
    ("no_deadline", "Không có thời hạn"),
)


def parse_as_of(raw, today):
    """Return (as_of, error): the chosen date, or today with a Vietnamese message when it can't be used."""
    raw = (raw or "").strip()
    if not raw:
        return today, None
    try:
        as_of = parse_vn_date(raw[:20])
    except ValueError:
        return today, rules.MSG_AS_OF_INVALID.format(raw=raw[:20])
    error = rules.as_of_error(as_of, today, figures.first_day())
    return (today, error) if error else (as_of, None)


def leadership_page(raw_as_of, today, calendar, due_soon_days):
    """Everything the Department's dashboard shows as of the chosen date (or today)."""
    as_of, error = parse_as_of(raw_as_of, today)
    kept = cache.per_unit(figures.by_unit_issuer, as_of, calendar, due_soon_days)
    per_unit, per_issuer = figures.combine(kept)
    total = figures.Figures()
    for fig in per_unit.values():
        total = total.add(fig)
    known = Unit.select(Unit.id, Unit.name).where(Unit.id.in_(list(per_unit) or [0]))
    units = [figures.Row(u.id, u.name, per_unit[u.id]) for u in known.order_by(Unit.sort_order, Unit.name)]
    issuers = [figures.Row(k, label, per_issuer[k]) for k, label in ISSUER_KINDS.items() if k in per_issuer]
    points = figures.sum_trends(rules.month_ends(as_of), cache.per_unit(figures.trend_by_unit, as_of).values())
    return {
        "as_of": as_of,
        "as_of_raw": (raw_as_of or "").strip()[:20],
        "error": error,
        "today": today,
        "total": total,
        "units": units,
        "issuers": issuers,
        "trend": points,
        "chart_four": charts.data_uri(charts.four_figures(total)),
        "chart_trend": charts.data_uri(charts.trend(points)),
    }


def unit_page(unit, today, calendar, due_soon_days):
    """A unit's dashboard: its (non-secret) tasks by urgency and what waits for it."""
    counts = cache.for_unit(unit.id, figures.compute, today, calendar, due_soon_days, involving=unit.id)
    firsts = cache.for_unit(unit.id, _urgent_ids, unit.id, today, calendar, due_soon_days)
    wanted = [task_id for shown in firsts for task_id in shown]
    rows = Task.select(Task, DirectiveDocument).join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
    tasks = {t.id: t for t in rows.where(Task.id.in_(wanted or [0]))}
    lists = [
        {"key": key, "heading": heading, "count": getattr(counts, key), "tasks": [tasks[i] for i in shown]}
        for (key, heading), shown in zip(URGENCY, firsts)
    ]
    return {"unit": unit, "today": today, "figures": counts, "lists": lists, "waiting": waiting_for(unit, today)}


def _urgent_ids(unit_id, today, calendar, due_soon_days):
    """[[task id]] per URGENCY list: the first UNIT_LIST_LIMIT tasks of each, by deadline.

    Each open task falls in one "most urgent" group (overdue, due soon, in time beyond the
    due-soon limit, no deadline); the database numbers the tasks of each group by deadline
    (ROW_NUMBER) and hands back the first UNIT_LIST_LIMIT of each, at most 40 rows. The list "in
    time" (which holds the due-soon tasks and those without deadline too, register/rules.py) is
    the first of due soon, then in time, then without deadline: their deadlines follow each
    other in that order. Reading every open task of the busiest unit into Python to mark its
    lists cost 30 ms of the unit's dashboard (bench/bench_monitoring.py).
    """
    conds = sql.conditions(today, calendar, due_soon_days, sql.deadline_as_of(today, sql.extended_after(today)))
    open_ = (Task.is_completed == False) | (Task.completed_on > today)  # noqa: E712
    group = Case(None, [(conds["dang_thuc_hien_qua_han"], 0), (conds["due_soon"], 1), (conds["no_deadline"], 3)], 2)
    rank = fn.ROW_NUMBER().over(partition_by=[group], order_by=[Task.deadline.asc(nulls="LAST"), Task.id])
    numbered = (
        Task.select(Task.id.alias("task_id"), group.alias("grp"), rank.alias("rn"))
        .where(sql.in_register(today, False) & open_ & sql.involving_condition(unit_id))
        .alias("numbered")
    )
    rows = (
        Task.select(numbered.c.task_id, numbered.c.grp)
        .from_(numbered)
        .where(numbered.c.rn <= UNIT_LIST_LIMIT)
        .order_by(numbered.c.grp, numbered.c.rn)
        .tuples()
    )
    groups = [[], [], [], []]
    for task_id, grp in rows:
        groups[int(grp)].append(task_id)
    overdue, soon, later, undated = groups
    return [overdue, soon, (soon + later + undated)[:UNIT_LIST_LIMIT], undated]


# --- what waits for a unit ------------------------------------------------------------------

_SECTIONS = []


@dataclass
class Waiting:
    """One thing a unit has to act on: what, where to act, by when."""

    text: str
    url: str | None = None
    due_on: object = None
    late: bool = False


def waiting_section(order, key, title):
    """Register `fn(unit, today) -> [Waiting]` as a section of the unit dashboard.

    The hook for the other parts of issue 12: the urging part registers its letters received
    ("urgings_received") here; until then the dashboard has no such section.
    """

    def register(fn):
        if any(k == key for _, k, _, _ in _SECTIONS):
            raise RuntimeError(f"waiting section {key!r} registered twice")
        _SECTIONS.append((order, key, title, fn))
        _SECTIONS.sort(key=lambda s: s[0])
        return fn

    return register


def waiting_for(unit, today):
    """[(key, title, [Waiting])] for every registered section, in order (empty ones included)."""
    return [(key, title, fn(unit, today)) for _, key, title, fn in _SECTIONS]


def url_if(endpoint, **values):
    """The URL of a page of another part, or None while that part has no such page."""
    return url_for(endpoint, **values) if endpoint in current_app.view_functions else None


@waiting_section(10, "requests", "Văn bản yêu cầu cung cấp thông tin, tài liệu cần trả lời")
def _requests(unit, today):
    from inspection.cases.models import InformationRequest, InspectionCase, RequestUnit, UnitAnswer

    answered = UnitAnswer.select(UnitAnswer.request).where(UnitAnswer.unit == unit.id)
    q = (
        InformationRequest.select(InformationRequest, InspectionCase)
        .join(RequestUnit)
        .switch(InformationRequest)
        .join(InspectionCase)
        .where(
            (RequestUnit.unit == unit.id)
            & InformationRequest.doc.is_null(False)
            & InformationRequest.id.not_in(answered)
        )
        .order_by(InformationRequest.due_on)
    )
    return [
        Waiting(
            f"{r.subject} ({r.case.title})",
            url_if("cases.show_unit_page", case_id=r.case.id),
            r.due_on,
            r.due_on < today,
        )
        for r in q
    ]


@waiting_section(20, "notices", "Thông báo kết luận kiểm tra nhận được")
def _notices(unit, today):
    from inspection.cases.models import CaseUnit, InspectionCase

    q = (
        InspectionCase.select()
        .join(CaseUnit)
        .where((CaseUnit.unit == unit.id) & InspectionCase.notice_doc.is_null(False))
        .order_by(InspectionCase.notified_on.desc(nulls="LAST"), InspectionCase.id.desc())
        .limit(UNIT_LIST_LIMIT)
    )
    return [
        Waiting(
            f"{c.title}",
            url_if("cases.show_unit_page", case_id=c.id),
            c.report_back_by,
            bool(c.report_back_by and c.report_back_by < today),
        )
        for c in q
    ]


@waiting_section(30, "flags", "Thông tin cập nhật bị đánh dấu chưa chính xác cần sửa (khoản 1 Điều 7)")
def _flags(unit, today):
    from inspection.register.models import ProgressUpdate

    fix = ProgressUpdate.alias("fix")
    corrected = fix.select(fix.corrects).where(fix.corrects.is_null(False))
    q = (
        ProgressUpdate.select(ProgressUpdate, Task)
        .join(Task)
        .where(
            (ProgressUpdate.unit == unit.id)
            & (ProgressUpdate.flagged_inaccurate == True)  # noqa: E712
            & (Task.is_secret == False)  # noqa: E712 - R-5.2: never on an ordinary page
            & ProgressUpdate.id.not_in(corrected)
        )
        .order_by(ProgressUpdate.on_date)
    )
    return [
        Waiting(f"{u.task.summary[:120]} – {u.flag_reason}", url_if("register.show_task", task_id=u.task.id)) for u in q
    ]
