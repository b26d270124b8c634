"""Demo reminders: the daily runs of the three weeks before the reference day, as cron made them."""

import datetime

from inspection.calendar.service import current_calendar
from inspection.notifications import operations
from inspection.register.demo import REFERENCE_DAY

DAYS_BACK = 20  # from 07/11: includes the monthly update reminder before 19/11


def seed(ctx):
    """Run `remind` for each day of the three weeks up to the register's reference day (27/11/2026)."""
    calendar = ctx.get("calendar") or current_calendar()
    for back in range(DAYS_BACK, -1, -1):
        operations.run_reminders(REFERENCE_DAY - datetime.timedelta(days=back), calendar)
    return ctx
