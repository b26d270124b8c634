"""The figures of the scorecards (R-25) and of the report on the regulation (R-23), from the
existing counts only: task figures from monitoring/figures.py, update timeliness and flags from
review_queries.unit_update_stats (R-7.2c), unit reports from unit_reports.queries.submission_status
(R-20.1), urgings from Urging, inspections from InspectionCase (R-16.2) and Recommendation.
Secret tasks are never counted (R-5.2): every source below reads the ordinary register only.
"""

from datetime import date

from inspection.cases import rules as case_rules
from inspection.cases.models import InspectionCase, Recommendation
from inspection.monitoring import figures, sql
from inspection.monitoring.models import Urging
from inspection.monitoring.review_queries import unit_update_stats
from inspection.register.models import Task
from inspection.unit_reports import queries as unit_reports
from inspection.unit_reports import rules as unit_rules

from . import scorecard


def asked_year(raw, today) -> int:
    """The year of ?year= (this year when none); ValueError with the message when refused (R-23, R-25)."""
    year = scorecard.parse_year(raw, today)
    refusal = scorecard.year_refusal(year, today, figures.first_day())
    if refusal:
        raise ValueError(refusal)
    return year


def scorecard_rows(year, today, calendar) -> list[dict]:
    """One scored row per reporting unit for `year`, in the units' order (R-25)."""
    as_of = scorecard.cut_off(year, today)
    tasks = figures.by_lead_unit(as_of, calendar)
    updates = unit_update_stats(date(year, 1, 1), as_of, calendar=calendar, today=today)
    reports = unit_reports.year_tallies(year, today, calendar)
    rows = []
    for unit in unit_reports.reporting_units():
        fig = tasks.get(unit.id) or figures.Figures()
        upd = updates.get(unit.id)
        rep = reports.get(unit.id) or dict.fromkeys(unit_rules.TIMELINESS, 0)
        row = {
            "unit": unit.name,
            "tasks": fig.total,
            "done_on_time": fig.hoan_thanh_dung_han,
            "done_late": fig.hoan_thanh_qua_han,
            "open_overdue": fig.dang_thuc_hien_qua_han,
            "updates_on_time": upd.on_time if upd else 0,
            "updates_late": upd.late if upd else 0,
            "reports_on_time": rep[unit_rules.ON_TIME],
            "reports_late": rep[unit_rules.LATE],
            "reports_missing": rep[unit_rules.MISSING],
            "flags_corrected": upd.corrected if upd else 0,
            "flagged": upd.flagged if upd else 0,
        }
        rows.append(scorecard.scored(row))
    return rows


def _urgings(start, end) -> dict:
    """Urgings of ordinary tasks made in [start, end], and those answered by `end` (R-9, R-10)."""
    q = Urging.select().join(Task, on=(Urging.task == Task.id))
    q = q.where((Urging.urged_on.between(start, end)) & (Task.is_secret == False))  # noqa: E712 - R-5.2
    answered = q.where(Urging.answered_on.is_null(False) & (Urging.answered_on <= end))
    return {"made": q.count(), "answered": answered.count()}


def _inspections(start, end, today) -> dict:
    """Inspections ended in [start, end] and how their report met R-16.2's 5 working days."""
    cases = list(
        InspectionCase.select(InspectionCase.report_due_on, InspectionCase.reported_on).where(
            (InspectionCase.state != case_rules.DRAFT) & InspectionCase.ended_on.between(start, end)
        )
    )
    on_time = sum(
        1 for c in cases if c.reported_on and not case_rules.report_late(c.report_due_on, c.reported_on, today)
    )
    late = sum(1 for c in cases if c.reported_on and case_rules.report_late(c.report_due_on, c.reported_on, today))
    return {
        "held": len(cases),
        "reported_on_time": on_time,
        "reported_late": late,
        "not_reported": len(cases) - on_time - late,
    }


def _recommendations(start, end) -> dict:
    """Recommendations of the conclusions notified in [start, end]: done when their register task
    was completed by `end` (R-16.3c: each becomes a task when the notice is issued)."""
    q = (
        Recommendation.select(Task.is_completed, Task.completed_on)
        .join(InspectionCase, on=(Recommendation.case == InspectionCase.id))
        .switch(Recommendation)
        .join(Task, on=(Recommendation.task == Task.id))
        .where(InspectionCase.notified_on.between(start, end) & (Task.is_secret == False))  # noqa: E712 - R-5.2
        .tuples()
    )
    rows = list(q)
    done = sum(1 for completed, on in rows if completed and on is not None and sql.as_date(on) <= end)
    return {"total": len(rows), "done": done, "open": len(rows) - done}


def _sum_updates(updates) -> dict:
    out = {"on_time": 0, "late": 0, "flagged": 0, "corrected": 0}
    for stats in updates.values():
        for key in out:
            out[key] += getattr(stats, key)
    return out


def regulation(year, today, calendar) -> dict:
    """The figures of the yearly report on how the regulation was carried out (R-23)."""
    start, as_of = date(year, 1, 1), scorecard.cut_off(year, today)
    fig = figures.compute(as_of, calendar)
    reports = dict.fromkeys(unit_rules.TIMELINESS, 0)
    for tally in unit_reports.year_tallies(year, today, calendar).values():
        for key, n in tally.items():
            reports[key] += n
    return {
        "year": year,
        "as_of": as_of,
        "tasks": {"total": fig.total, "late_registration": fig.late_registration, "late_result": fig.late_result},
        "figures": fig.as_dict(),
        "updates": _sum_updates(unit_update_stats(start, as_of, calendar=calendar, today=today)),
        "reports": reports,
        "urgings": _urgings(start, as_of),
        "inspections": _inspections(start, as_of, today),
        "recommendations": _recommendations(start, as_of),
    }


def scorecard_page(year, sort_key, descending, today, calendar) -> dict:
    """The scorecard page and export: rows sorted by one column, the method under them (R-25)."""
    as_of = scorecard.cut_off(year, today)
    rows = scorecard.sort_rows(scorecard_rows(year, today, calendar), sort_key, descending)
    return {
        "year": year,
        "as_of": as_of,
        "rows": rows,
        "sort_key": sort_key,
        "descending": descending,
        "columns": scorecard.COLUMNS,
        "weights": scorecard.WEIGHTS,
        "method": scorecard.method_lines(),
        "heading": f"Bảng chấm điểm thực hiện Quy chế theo dõi, đôn đốc năm {year} (số liệu đến ngày {as_of:%d/%m/%Y})",
    }


def regulation_page(year, today, calendar) -> dict:
    """The R-23 report page and export: the year's sections."""
    data = regulation(year, today, calendar)
    return {
        "year": year,
        "as_of": data["as_of"],
        "sections": scorecard.regulation_sections(data),
        "heading": f"Báo cáo tình hình thực hiện Quy chế theo dõi, đôn đốc năm {year}"
        f" (số liệu đến ngày {data['as_of']:%d/%m/%Y})",
    }
