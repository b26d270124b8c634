"""Home-page widget: a unit's people see their monthly report's due date and whether it is sent."""

from inspection import clock
from inspection.accounts.policy import can
from inspection.calendar.service import current_calendar
from inspection.dashboard import widget
from inspection.unit_reports import queries, rules


@widget(order=16, template="unit_reports/_widget.html")
def monthly_report(user):
    """'Báo cáo tháng: hạn 19/…, chưa gửi' for a unit; the month before too while it is missing."""
    if not user.unit_id or not can(user, "unit_reports.prepare", user.unit):
        return None
    today, calendar = clock.today(), current_calendar()
    period = rules.current_period(today, calendar)
    report = queries.report_for(user.unit_id, period)
    previous = period.previous()
    before = queries.report_for(user.unit_id, previous)
    missing = rules.timeliness(rules.due_date(previous, calendar), before and before.first_submitted_on, today)
    return {
        "unit_id": user.unit_id,
        "period": period,
        "due": rules.due_date(period, calendar),
        "state": report.state if report else None,
        "returned": queries.was_returned(report),
        "previous": previous if missing == rules.MISSING else None,
    }
