"""What the unit report pages show, and the submission status other parts count (R-20.1, R-25).

`submission_status(period)` is the public API: for every reporting unit, whether its report of
the month was sent on time, late, not at all (past the due date) or is not yet due. The
Department's periodic report and the scorecards (R-7.2c, R-25) call it; nothing here writes.
Figures come only from monitoring/figures.py; secret tasks (R-5.2) are never in a unit report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inspection import clock, settings
from inspection.accounts.models import Unit
from inspection.monitoring import figures
from inspection.pagination import paginate_list
from inspection.register.models import DirectiveDocument, Task
from inspection.unit_reports import rules
from inspection.unit_reports.models import UnitReport, UnitReportEvent

NOT_REPORTING = ("ban_giam_doc",)  # the Board receives reports; every other unit sends one (Điều 19)

# Hook for the difficulties part: fn(unit_id, start, end) -> [{"text": ..., "task_id": ...}].
# Registered sources add the difficulties a unit raised in the period to its report:
# difficulties.queries:raised_in_period registers itself when that part is loaded.
DIFFICULTY_SOURCES = []


def difficulty_source(fn):
    """Register a source of the difficulties a unit raised (the difficulties part calls this)."""
    DIFFICULTY_SOURCES.append(fn)
    return fn


def difficulties_for(unit_id, start: date, end: date) -> list:
    """The difficulties a unit raised between `start` and `end`, from every registered source."""
    return [item for source in DIFFICULTY_SOURCES for item in source(unit_id, start, end)]


def due_soon_days() -> int:
    return int(settings.get("register.due_soon_days"))


def _calendar(calendar):
    if calendar is not None:
        return calendar
    from inspection.calendar.service import current_calendar

    return current_calendar()


def reporting_units():
    """The active units that send a monthly report, in the Department's order."""
    return list(
        Unit.select()
        .where((Unit.active == True) & Unit.kind.not_in(NOT_REPORTING))  # noqa: E712
        .order_by(Unit.sort_order, Unit.name)
    )


def report_for(unit_id, period) -> UnitReport | None:
    return UnitReport.get_or_none(
        (UnitReport.unit == unit_id) & (UnitReport.year == period.year) & (UnitReport.month == period.month)
    )


@dataclass
class UnitStatus:
    """Where one unit's report of one month stands."""

    unit_id: int
    unit_name: str
    due_on: date
    timeliness: str  # rules.TIMELINESS
    state: str | None  # rules.STATES, None when nothing was prepared
    first_submitted_on: date | None
    submitted_on: date | None
    returns: int

    @property
    def label(self) -> str:
        return rules.TIMELINESS[self.timeliness]

    @property
    def counted_against(self) -> bool:
        """R-7.2c, R-25: a late or missing report weighs on the unit's evaluation."""
        return self.timeliness in rules.COUNTED_AGAINST


def submission_status(period, today=None, calendar=None) -> list[UnitStatus]:
    """Return every reporting unit's status for the report of `period` ((year, month)), as of today."""
    period = rules.Period(*period)
    today, calendar = today or clock.today(), _calendar(calendar)
    due = rules.due_date(period, calendar)
    rows = {
        r.unit_id: r
        for r in UnitReport.select().where((UnitReport.year == period.year) & (UnitReport.month == period.month))
    }
    returns = _return_counts(period)
    out = []
    for unit in reporting_units():
        r = rows.get(unit.id)
        first = r.first_submitted_on if r else None
        out.append(
            UnitStatus(
                unit.id,
                unit.name,
                due,
                rules.timeliness(due, first, today),
                r.state if r else None,
                first,
                r.submitted_on if r else None,
                returns.get(r.id, 0) if r else 0,
            )
        )
    return out


def _return_counts(period) -> dict:
    q = (
        UnitReportEvent.select(UnitReportEvent.report, UnitReportEvent.id)
        .join(UnitReport)
        .where(
            (UnitReport.year == period.year)
            & (UnitReport.month == period.month)
            & (UnitReportEvent.action == rules.RETURNED_EVENT)
        )
    )
    out = {}
    for event in q:
        out[event.report_id] = out.get(event.report_id, 0) + 1
    return out


def submission_counts(period, today=None, calendar=None) -> dict:
    """{timeliness kind: number of units} for the report of `period` (R-20.1)."""
    return rules.tally(s.timeliness for s in submission_status(period, today, calendar))


def unit_record(unit_id, year, today=None, calendar=None) -> list[tuple]:
    """[(period, timeliness)] of a unit's monthly reports of `year` up to today (R-25 scoring)."""
    today, calendar = today or clock.today(), _calendar(calendar)
    out = []
    for month in range(1, 13):
        period = rules.Period(year, month)
        if rules.period_start(period, calendar) > today:
            break
        status = next((s for s in submission_status(period, today, calendar) if s.unit_id == unit_id), None)
        if status is not None:
            out.append((period, status.timeliness))
    return out


def year_tallies(year, today=None, calendar=None) -> dict:
    """{unit id: {timeliness: n}} of the monthly reports of `year` begun by today (R-20.1).

    The one count of late and missing reports that weighs on a unit: the R-25 scorecards, the
    R-23 report and the R-7.2c per-unit table of the Office's review page all read it."""
    today, calendar = today or clock.today(), _calendar(calendar)
    out = {}
    for month in range(1, 13):
        period = rules.Period(year, month)
        if rules.period_start(period, calendar) > today:
            break
        for status in submission_status(period, today, calendar):
            tally = out.setdefault(status.unit_id, dict.fromkeys(rules.TIMELINESS, 0))
            tally[status.timeliness] += 1
    return out


def sent_reasons(unit_ids, end: date) -> dict:
    """{unit id: {task id: reason}} from each unit's latest monthly report sent on or before `end`:
    the reasons it gave for its overdue tasks (R-19.2), for the Department's overdue list (R-18/19)."""
    latest = {}
    sent = (
        UnitReport.select(UnitReport.id, UnitReport.unit, UnitReport.year, UnitReport.month)
        .where(
            UnitReport.unit.in_(list(unit_ids))
            & (UnitReport.state == rules.SUBMITTED)
            & (UnitReport.submitted_on <= end)
        )
        .order_by(UnitReport.year, UnitReport.month)
        .tuples()
    )
    for report_id, unit_id, _year, _month in sent:
        latest[unit_id] = report_id  # the last period wins
    out = {}
    for report in UnitReport.select(UnitReport.unit, UnitReport.content).where(
        UnitReport.id.in_(list(latest.values()))
    ):
        rows = (report.frozen or {}).get("overdue", [])
        out[report.unit_id] = {row["id"]: row["reason"] for row in rows if (row.get("reason") or "").strip()}
    return out


def overdue_tasks(unit_id, as_of, calendar, days) -> list[dict]:
    """The tasks the unit leads that are open past their deadline on `as_of` (the figure's own rows)."""
    q = (
        Task.select(Task.id, Task.summary, Task.deadline, DirectiveDocument.number_symbol)
        .join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
        .where(figures.condition("dang_thuc_hien_qua_han", as_of, calendar, days) & (Task.lead_unit == unit_id))
        .order_by(Task.deadline, Task.id)
    )
    return [
        {"id": t.id, "summary": t.summary, "number": t.document.number_symbol, "deadline": _iso(t.deadline)} for t in q
    ]


def _iso(day):
    return day.isoformat() if hasattr(day, "isoformat") else (str(day) if day else "")


def prepared_content(unit_id, period, today, calendar, reasons: dict) -> dict:
    """The report the system prepares from the register: what a draft shows and sending freezes."""
    days = due_soon_days()
    as_of = rules.figures_as_of(period, today, calendar)
    counts = figures.compute(as_of, calendar, days, unit_id=unit_id).as_dict()
    start = rules.period_start(period, calendar)
    difficulties = difficulties_for(unit_id, start, as_of)
    return rules.frozen_content(as_of, counts, overdue_tasks(unit_id, as_of, calendar, days), reasons, difficulties)


# --- page data --------------------------------------------------------------------------------

UNIT_HISTORY = 12  # months a unit's page lists
OVERDUE_PER_PAGE = 50  # overdue tasks a report page shows (issue 13: 2,970 made 1.9 MB); print: all


def overview_page(period, today, calendar) -> dict:
    """The Office's view of one month: every unit's status and the counts (R-20.1)."""
    statuses = submission_status(period, today, calendar)
    return {
        "period": period,
        "due": rules.due_date(period, calendar),
        "statuses": statuses,
        "counts": rules.tally(s.timeliness for s in statuses),
        "previous": period.previous(),
        "next": period.next() if not rules.future_error(period.next(), today, calendar) else None,
    }


def unit_page(unit, today, calendar) -> dict:
    """A unit's reports: the month being prepared and the months before it."""
    mine = {(r.year, r.month): r for r in UnitReport.select().where(UnitReport.unit == unit.id)}
    period, rows = rules.current_period(today, calendar), []
    for _ in range(UNIT_HISTORY):
        report, due = mine.get(tuple(period)), rules.due_date(period, calendar)
        kind = rules.timeliness(due, report.first_submitted_on if report else None, today)
        rows.append({"period": period, "due": due, "timeliness": kind, "report": report})
        period = period.previous()
    return {"unit": unit, "rows": rows, "today": today}


def report_page(unit, period, today, calendar, page=1) -> dict:
    """One unit's report of one month: the frozen content once sent, else what the system prepares.

    `content` holds every overdue task (the printed report); `overdue_page` the `page`-th 50 of
    them the screen shows, with a reason field each while a draft."""
    report = report_for(unit.id, period)
    if report is not None and report.state == rules.SUBMITTED:
        content = report.frozen
    else:
        content = prepared_content(unit.id, period, today, calendar, report.reason_map if report else {})
    due = rules.due_date(period, calendar)
    events = list(report.events.order_by(UnitReportEvent.at, UnitReportEvent.id)) if report else []
    missing, missing_page = rules.reasons_missing(content["overdue"], OVERDUE_PER_PAGE)
    return {
        "unit": unit,
        "period": period,
        "report": report,
        "content": content,
        "overdue_page": paginate_list(content["overdue"], page, OVERDUE_PER_PAGE),
        "reasons_missing": missing,
        "reasons_missing_page": missing_page,
        "as_of": date.fromisoformat(content["as_of"]),
        "due": due,
        "start": rules.period_start(period, calendar),
        "timeliness": rules.timeliness(due, report.first_submitted_on if report else None, today),
        "events": events,
        "submitted": bool(report and report.state == rules.SUBMITTED),
        "returned": was_returned(report, events),
    }


def was_returned(report, events=None) -> bool:
    """Whether a draft is back from the Office for correction (its last event is a return)."""
    if report is None or report.state != rules.DRAFT:
        return False
    if events is None:
        events = list(report.events.order_by(UnitReportEvent.id.desc()).limit(1))
    else:
        events = sorted(events, key=lambda e: e.id, reverse=True)[:1]
    return bool(events) and events[0].action == rules.RETURNED_EVENT
