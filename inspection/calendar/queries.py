"""What the calendar page shows: a year's days off and working weekends, and the overrides."""

import datetime

from inspection.calendar import rules
from inspection.calendar.models import WorkdayOverride
from inspection.calendar.service import current_calendar


def year_page(year):
    """The rows of `year` (holidays, weekends worked, overrides) and its count of working days."""
    admin_days = {o.day: o for o in WorkdayOverride.in_year(year)}
    cal = current_calendar()
    return {
        "year": year,
        "rows": rules.year_rows(cal, year, admin_days),
        "total": cal.count_working_days(datetime.date(year - 1, 12, 31), datetime.date(year, 12, 31)),
        "overrides": list(admin_days.values()),
        "notice": rules.year_notice(year),
    }
