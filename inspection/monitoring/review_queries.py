"""Page data of the review queue (R-7) and the per-unit update figures (R-7.2c). Nothing here writes.

`unit_update_stats(start, end)` is the figure the inspections and the yearly scorecard (R-25)
read: it counts ordinary tasks only (R-5.2), never the secret register's. Beside it the page
shows each unit's monthly reports of the year on time / late / missing (R-7.2c, R-20.1), from
unit_reports.queries.year_tallies, the count the scorecards use.
"""

import datetime
from dataclasses import dataclass

from peewee import JOIN, fn

from inspection.accounts.models import Unit
from inspection.monitoring import entry_verdicts
from inspection.monitoring import review_rules as rr
from inspection.monitoring.models import ReviewItem
from inspection.monitoring.queries import Waiting, url_if, waiting_section
from inspection.pagination import paginate
from inspection.register.models import ProgressUpdate, Task
from inspection.text import parse_id, parse_vn_date
from inspection.unit_reports import queries as unit_reports
from inspection.unit_reports import rules as unit_report_rules

PER_PAGE = 50
NO_REPORTS = dict.fromkeys(unit_report_rules.TIMELINESS, 0)


@dataclass
class Filters:
    """The queue's filters as read from the URL, with a message for each one that can't be used."""

    unit_id: int | None = None
    kind: str = ""
    state: str = rr.PENDING
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    page: int = 1
    errors: tuple = ()


def _date(raw, label, errors):
    raw = (raw or "").strip()[:20]
    if not raw:
        return None
    try:
        return parse_vn_date(raw)
    except ValueError:
        errors.append(f"{label} “{raw}” không phải là ngày hợp lệ (ngày/tháng/năm).")
        return None


def parse_filters(args):
    """Read unit, kind, state, dates and page; a wrong value is dropped with a Vietnamese message."""
    errors = []
    try:
        unit_id = parse_id(args.get("unit")) if args.get("unit") else None
    except ValueError:
        unit_id = None
        errors.append("Đơn vị được chọn không hợp lệ.")
    kind = args.get("kind", "")
    if kind and kind not in rr.KINDS:
        kind, errors = "", [*errors, "Loại thông tin được chọn không hợp lệ."]
    state = args.get("state", rr.PENDING)
    if state not in rr.STATES and state != "all":
        state, errors = rr.PENDING, [*errors, "Trạng thái được chọn không hợp lệ."]
    date_from, date_to = _date(args.get("from"), "Từ ngày", errors), _date(args.get("to"), "Đến ngày", errors)
    try:
        page = parse_id(args.get("page") or "1")
    except ValueError:
        page = 1
    return Filters(unit_id, kind, state, date_from, date_to, page, tuple(errors))


def queue(filters, *, secret=False):
    """The items matching the filters, oldest entry first; one register at a time (R-5.2)."""
    q = (
        ReviewItem.select(ReviewItem, Task, Unit)
        .join(Task, on=(ReviewItem.task == Task.id))
        .switch(ReviewItem)
        .join(Unit, on=(ReviewItem.unit == Unit.id), join_type=JOIN.LEFT_OUTER)
        .where(Task.is_secret == secret)
    )
    if filters.state != "all":
        q = q.where(ReviewItem.state == filters.state)
    if filters.unit_id:
        q = q.where(ReviewItem.unit == filters.unit_id)
    if filters.kind:
        q = q.where(ReviewItem.kind == filters.kind)
    if filters.date_from:
        q = q.where(ReviewItem.entered_on >= filters.date_from)
    if filters.date_to:
        q = q.where(ReviewItem.entered_on <= filters.date_to)
    return q.order_by(ReviewItem.entered_on, ReviewItem.id)


def queue_page(filters, today, calendar, *, secret=False):
    """Everything the review page shows: the page of items, the filter choices, the figures."""
    page = paginate(queue(filters, secret=secret), filters.page, PER_PAGE)
    start = filters.date_from or datetime.date(today.year, 1, 1)
    end = filters.date_to or today
    stats = {} if secret else unit_update_stats(start, end, calendar=calendar, today=today)
    reports = {} if secret else unit_reports.year_tallies(end.year, today, calendar)
    units = list(Unit.select().where(Unit.active == True).order_by(Unit.sort_order, Unit.name))  # noqa: E712
    return {
        "page": page,
        "filters": filters,
        "units": units,
        "stats": [
            (u, stats.get(u.id, rr.UpdateStats()), reports.get(u.id) or NO_REPORTS)
            for u in units
            if u.id in stats or u.id in reports
        ],
        "stats_start": start,
        "stats_end": end,
        "reports_year": end.year,
        "secret": secret,
    }


# --- R-7.2c: per-unit figures ---------------------------------------------------------------


def unit_update_stats(start, end, *, calendar=None, today=None):
    """{unit id: UpdateStats} of the ordinary tasks' entries in [start, end] (R-7.2c).

    on_time / late: each deadline of a task the unit leads whose R-6.3b entry limit falls in the
    period and has passed, judged by the register's rule (Province's tasks only). flagged: the
    unit's progress updates entered in the period and flagged (R-7.1), plus its results flagged
    in the queue; corrected: those of them the unit has corrected (R-7.2b).
    """
    from inspection import clock
    from inspection.calendar.service import current_calendar

    calendar, today = calendar or current_calendar(), today or clock.today()
    # p2-reports: R-6.3b's verdicts counted in SQL (entry_verdicts.py, proven equal to the rule).
    out = {
        u: rr.UpdateStats(on_time=n, late=late)
        for u, (n, late) in entry_verdicts.counts(start, end, today, calendar).items()
    }
    for unit_id, corrected in _flagged(start, end):
        out[unit_id] = out.get(unit_id, rr.UpdateStats()).add(flagged=1, corrected=int(corrected))
    return out


def _flagged(start, end):
    """(unit id, corrected?) for each of a unit's entries in the period flagged by the Office (R-7.1)."""
    lo, hi = datetime.datetime.combine(start, datetime.time()), datetime.datetime.combine(end, datetime.time.max)
    fix = ProgressUpdate.alias("fix")
    q = (
        ProgressUpdate.select(ProgressUpdate.unit, ProgressUpdate.id, fix.id.is_null(False).alias("fixed"))
        .join(Task, on=(ProgressUpdate.task == Task.id))
        .switch(ProgressUpdate)
        .join(fix, on=(fix.corrects == ProgressUpdate.id), join_type=JOIN.LEFT_OUTER)
        .where(
            (ProgressUpdate.flagged_inaccurate == True)  # noqa: E712
            & (Task.is_secret == False)  # noqa: E712 - R-5.2
            & ProgressUpdate.unit.is_null(False)
            & ProgressUpdate.created_at.between(lo, hi)
        )
        .distinct()
    )
    for unit_id, _id, fixed in q.tuples():
        yield unit_id, bool(fixed)
    yield from _flagged_results(start, end)


def _flagged_results(start, end):
    """Results flagged in the queue; a later result entered for the same task corrects one."""
    later = ReviewItem.alias("later")
    q = (
        ReviewItem.select(ReviewItem.unit, ReviewItem.id, later.id.is_null(False).alias("fixed"))
        .join(Task, on=(ReviewItem.task == Task.id))
        .switch(ReviewItem)
        .join(
            later,
            on=((later.task == ReviewItem.task) & (later.kind == rr.RESULT) & (later.id > ReviewItem.id)),
            join_type=JOIN.LEFT_OUTER,
        )
        .where(
            (ReviewItem.kind == rr.RESULT)
            & (ReviewItem.state == rr.FLAGGED)
            & (Task.is_secret == False)  # noqa: E712 - R-5.2
            & ReviewItem.entered_on.between(start, end)
        )
    )
    seen = {}
    for unit_id, item_id, fixed in q.tuples():
        seen[item_id] = (unit_id, seen.get(item_id, (unit_id, False))[1] or bool(fixed))
    yield from seen.values()


def flagged_results_waiting(unit_id):
    """The unit's results flagged in the queue and not entered again since (R-7.2b), ordinary only."""
    later = ReviewItem.alias("later")
    newer = later.select(later.id).where(
        (later.task == ReviewItem.task) & (later.kind == rr.RESULT) & (later.id > ReviewItem.id)
    )
    return (
        ReviewItem.select(ReviewItem, Task)
        .join(Task, on=(ReviewItem.task == Task.id))
        .where(
            (ReviewItem.unit == unit_id)
            & (ReviewItem.kind == rr.RESULT)
            & (ReviewItem.state == rr.FLAGGED)
            & (Task.is_secret == False)  # noqa: E712 - R-5.2: never on an ordinary page
            & ~fn.EXISTS(newer)
        )
        .order_by(ReviewItem.entered_on)
    )


@waiting_section(35, "flagged_results", "Kết quả thực hiện bị Văn phòng đánh dấu chưa chính xác cần nhập lại (Điều 7)")
def _flagged_results_section(unit, today):
    return [
        Waiting(f"{i.task.summary[:120]} – {i.reason}", url_if("register.show_task", task_id=i.task_id))
        for i in flagged_results_waiting(unit.id)
    ]
