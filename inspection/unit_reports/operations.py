"""Every write of unit monthly reports (R-19.1, R-20.1): keep a draft, send it, return it.

The unit's officers keep the draft (the unit head's remarks, a reason per overdue task); the
unit head sends it, which freezes its content (rules.frozen_content) and tells the Office;
the Office returns a sent report with remarks, which puts it back to draft and tells the
unit. Each step is one transaction with its history entry; sending is a conditional UPDATE
on the draft state, so two sendings at once leave one.
"""

import json

from inspection import audit, clock
from inspection.accounts import roles as R
from inspection.accounts.models import User
from inspection.accounts.policy import ensure
from inspection.db import db
from inspection.errors import Conflict, ValidationFailed
from inspection.unit_reports import queries, rules
from inspection.unit_reports.models import UnitReport, UnitReportEvent

MSG_NOT_MEMBER = "Chỉ cán bộ của chính đơn vị lập báo cáo tháng của đơn vị mình."
MSG_NOT_HEAD = "Chỉ Thủ trưởng đơn vị gửi báo cáo tháng của chính đơn vị mình (điểm c khoản 2 Điều 7)."
MSG_NOT_OFFICE = "Chỉ Văn phòng Sở và Ban Giám đốc Sở trả lại báo cáo của đơn vị."
SNAPSHOT = ("state", "head_remarks", "reasons", "first_submitted_on", "submitted_on")


def _check_period(period, today, calendar):
    error = rules.future_error(period, today, calendar)
    if error:
        raise ValidationFailed(error)


def _clean_reasons(reasons: dict) -> dict:
    """Keep the non-empty reasons, keyed by task id as text, each within its length."""
    out = {}
    for key, text in (reasons or {}).items():
        text = (text or "").strip()
        if len(text) > rules.REASON_MAX:
            raise ValidationFailed(f"Lý do chậm dài quá {rules.REASON_MAX} ký tự.", field=f"reason_{key}")
        if text:
            out[str(key)] = text
    return out


def _draft(user, unit, period, today, calendar):
    """The unit's draft of `period`, created on first save; Conflict when it was already sent."""
    ensure(user, "unit_reports.prepare", unit, MSG_NOT_MEMBER)
    _check_period(period, today, calendar)
    report = queries.report_for(unit.id, period)
    if report is None:
        report = UnitReport.create(unit=unit.id, year=period.year, month=period.month, prepared_by=user.id)
        audit.record(user, "create", report, after=audit.snapshot(report, SNAPSHOT))
    elif report.state == rules.SUBMITTED:
        raise Conflict(rules.MSG_TWICE.format(period=period, day=report.submitted_on))
    return report


def save_draft(user, unit, period, head_remarks, reasons, today, calendar) -> UnitReport:
    """Keep the unit head's remarks and the reasons per overdue task in the draft (R-19.2).

    `reasons` are those of the tasks the page showed (one page of the list): they replace the
    stored ones of the same tasks (an emptied one is removed); the other tasks' reasons stay.
    """
    remarks = (head_remarks or "").strip()
    if len(remarks) > rules.REMARKS_MAX:
        raise ValidationFailed(f"Ý kiến dài quá {rules.REMARKS_MAX} ký tự.", field="head_remarks")
    submitted = {str(key): (text or "").strip() for key, text in (reasons or {}).items()}
    _clean_reasons(submitted)  # refuses a too long reason before anything is written
    with db.atomic():
        report = _draft(user, unit, period, today, calendar)
        before = audit.snapshot(report, SNAPSHOT)
        cleaned = _clean_reasons({**report.reason_map, **submitted})
        report.head_remarks, report.reasons = remarks, json.dumps(cleaned, ensure_ascii=False)
        report.prepared_by, report.updated_at = user.id, clock.now()
        report.save()
        audit.record(user, "update", report, before=before, after=audit.snapshot(report, SNAPSHOT))
    return report


def submit(user, unit, period, head_remarks, reasons, today, calendar) -> UnitReport:
    """Send the unit's report of `period` to the Office, its content frozen (R-20.1).

    After the due date it is still accepted and counted late (rules.timeliness).
    """
    ensure(user, "unit_reports.submit", unit, MSG_NOT_HEAD)
    with db.atomic():  # one transaction: a refused sending leaves the draft as it was
        existing = queries.report_for(unit.id, period)
        if existing is not None and existing.state == rules.SUBMITTED:
            raise Conflict(rules.MSG_TWICE.format(period=period, day=existing.submitted_on))
        report = save_draft(user, unit, period, head_remarks, reasons, today, calendar)
        content = queries.prepared_content(unit.id, period, today, calendar, report.reason_map)
        overdue_ids = [row["id"] for row in content["overdue"]]
        refusal = rules.submit_refusal(report.state, period, report.submitted_on, overdue_ids, report.reason_map)
        if refusal:
            raise ValidationFailed(refusal)
        report = _mark_sent(user, report, period, content, today)
    late = rules.timeliness(rules.due_date(period, calendar), report.first_submitted_on, today) == rules.LATE
    _tell_office(report, unit, period, late)
    return report


def _mark_sent(user, report, period, content, today):
    """Freeze the content and mark the draft sent, only if it is still a draft (a race leaves one)."""
    before = audit.snapshot(report, SNAPSHOT)
    sent = (
        UnitReport.update(
            state=rules.SUBMITTED,
            content=json.dumps(content, ensure_ascii=False),
            submitted_on=today,
            first_submitted_on=report.first_submitted_on or today,
            submitted_by=user.id,
            updated_at=clock.now(),
        )
        .where((UnitReport.id == report.id) & (UnitReport.state == rules.DRAFT))
        .execute()
    )
    if not sent:
        raise Conflict(rules.MSG_TWICE.format(period=period, day=today))
    report = UnitReport.get_by_id(report.id)
    UnitReportEvent.create(report=report.id, action=rules.SUBMITTED_EVENT, by=user.id)
    audit.record(user, "submit", report, before=before, after=audit.snapshot(report, SNAPSHOT))
    return report


def return_report(user, unit, period, remarks) -> UnitReport:
    """Return a sent report to the unit for correction, with the Office's remarks (kept in its history)."""
    ensure(user, "unit_reports.return", unit, MSG_NOT_OFFICE)
    remarks = (remarks or "").strip()
    if not remarks:
        raise ValidationFailed(rules.MSG_RETURN_REMARKS, field="remarks")
    if len(remarks) > rules.REMARKS_MAX:
        raise ValidationFailed(f"Ý kiến dài quá {rules.REMARKS_MAX} ký tự.", field="remarks")
    with db.atomic():
        report = queries.report_for(unit.id, period)
        before = audit.snapshot(report, SNAPSHOT) if report else None
        back = (
            UnitReport.update(state=rules.DRAFT, updated_at=clock.now())
            .where((UnitReport.id == (report.id if report else 0)) & (UnitReport.state == rules.SUBMITTED))
            .execute()
        )
        if not back:
            raise Conflict(rules.MSG_NOT_SUBMITTED.format(period=period))
        report = UnitReport.get_by_id(report.id)
        UnitReportEvent.create(report=report.id, action=rules.RETURNED_EVENT, by=user.id, remarks=remarks)
        audit.record(user, "return", report, before=before, after=audit.snapshot(report, SNAPSHOT))
    _tell_unit(report, unit, period, remarks)
    return report


def _link(unit, period):
    from inspection.notifications.queries import link_path

    return link_path("unit_reports.show_report", unit_id=unit.id, year=period.year, month=period.month)


def _tell_office(report, unit, period, late):
    """Submitted → the Office (Chief of Office, tracking officers)."""
    from inspection.notifications import operations as notes

    office = User.select(User.id).where(
        (User.active == True) & (User.roles.contains(R.CHIEF) | User.roles.contains(R.TRACKER))  # noqa: E712
    )
    text = f"{unit.name} đã gửi báo cáo tháng {period}" + (" (gửi muộn)." if late else ".")
    notes.notify(list(office), "info", f"unit_report:{report.id}", text, _link(unit, period))


def _tell_unit(report, unit, period, remarks):
    """Returned → the unit's head and officers, with the Office's remarks."""
    from inspection.notifications import operations as notes

    staff = User.select(User.id).where((User.unit == unit.id) & (User.active == True))  # noqa: E712
    text = f"Văn phòng Sở trả lại báo cáo tháng {period} để chỉnh sửa: {remarks[:200]}"
    notes.notify(list(staff), "info", f"unit_report:{report.id}", text, _link(unit, period))
