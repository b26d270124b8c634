"""The calendar the application uses: shipped corrections plus the administrator's overrides."""

from flask import g, has_app_context

from inspection.calendar.models import WorkdayOverride
from inspection.workdays import WorkCalendar


def build_calendar() -> WorkCalendar:
    """Build a fresh calendar from the shipped corrections and the database overrides."""
    return WorkCalendar(overrides=WorkdayOverride.as_overrides())


def current_calendar() -> WorkCalendar:
    """Return the calendar for this request (built once per request / app context)."""
    if not has_app_context():
        return build_calendar()
    cal = g.get("_work_calendar")
    if cal is None:
        cal = g._work_calendar = build_calendar()
    return cal


def forget_calendar():
    """Drop the cached calendar after an override changed."""
    if has_app_context():
        g.pop("_work_calendar", None)
