"""The statutory calendar's dates (pure: no Flask, no database).

The 19th of each month (R-20.1) and 10 June / 10 December (R-20.2) fall back to the last working
day on or before them when they are days off: the same rule the reminders use
(notifications.rules.reminder_day with offset 0), so the page and the reminders agree.
"""

from __future__ import annotations

import hashlib
from collections import namedtuple
from datetime import date, timedelta

from inspection.notifications.rules import MONTHLY_DAY, reminder_day

# One line of the page and one event of the feed. `secret` lines carry no content.
Entry = namedtuple("Entry", "day kind title detail link uid secret")

MONTHLY = "monthly"
HALF_YEAR = "half_year"
CASE_REPORT = "case_report"
TASK = "task"
REMINDER = "reminder"
KIND_LABELS = {
    MONTHLY: "Cập nhật, báo cáo hằng tháng",
    HALF_YEAR: "Báo cáo 6 tháng, năm",
    CASE_REPORT: "Báo cáo kết quả kiểm tra",
    TASK: "Hạn nhiệm vụ",
    REMINDER: "Nhắc việc dự kiến",
}
WINDOWS = (30, 90)  # the page's choices, in days
FEED_PAST_DAYS = 31  # the feed keeps last month's events, so a calendar app does not drop them at once
FEED_DAYS = 366
SECRET_TITLE = "Nhiệm vụ mật"  # the only words a secret task gets on the page
# the 6-month report by 10 June, the yearly one by 10 December.
HALF_YEAR_DAYS = (
    (6, 10, "Hạn báo cáo 6 tháng về nhiệm vụ UBND tỉnh giao (khoản 2 Điều 20)"),
    (12, 10, "Hạn báo cáo năm về nhiệm vụ UBND tỉnh giao (khoản 2 Điều 20)"),
)
MONTHLY_TITLE = "Hạn đơn vị cập nhật, báo cáo tình hình thực hiện nhiệm vụ (khoản 1 Điều 20)"


def statutory_day(due: date, calendar) -> date:
    """Return the working day a statutory date falls on: itself, or the last working day before."""
    return reminder_day(due, 0, calendar)


def _shift_note(due: date, day: date) -> str:
    return "" if day == due else f"Ngày {due:%d/%m/%Y} là ngày nghỉ: hạn tính vào ngày làm việc trước đó."


def monthly_dues(first: date, last: date) -> list[date]:
    """Return the 19ths (R-20.1) of every month from `first`'s to `last`'s, as the regulation says them."""
    dues, year, month = [], first.year, first.month
    while date(year, month, 1) <= last:
        dues.append(date(year, month, MONTHLY_DAY))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dues


def monthly_entries(start: date, end: date, calendar) -> list[Entry]:
    """Return the 19ths (R-20.1), shifted to working days, that fall in [start, end]."""
    found = []
    for due in monthly_dues(start, end + timedelta(days=31)):
        day = statutory_day(due, calendar)
        if start <= day <= end:
            found.append(Entry(day, MONTHLY, MONTHLY_TITLE, _shift_note(due, day), "", f"monthly-{due:%Y%m}", False))
    return found


def half_year_entries(start: date, end: date, calendar) -> list[Entry]:
    """Return 10 June and 10 December (R-20.2), shifted to working days, in [start, end]."""
    found = []
    for year in range(start.year, end.year + 2):
        for month, day_of_month, title in HALF_YEAR_DAYS:
            due = date(year, month, day_of_month)
            day = statutory_day(due, calendar)
            if start <= day <= end:
                found.append(Entry(day, HALF_YEAR, title, _shift_note(due, day), "", f"report-{due:%Y%m%d}", False))
    return found


def reminder_days(due: date, offsets, calendar) -> list[date]:
    """Return the days the schedule's reminders about `due` go on (notifications' own rule)."""
    return sorted({reminder_day(due, offset, calendar) for offset in offsets})


def window(today: date, days: int) -> tuple[date, date]:
    """Return the page's span: today and the next `days` days (only the offered spans)."""
    days = days if days in WINDOWS else WINDOWS[0]
    return today, today + timedelta(days=days)


def feed_window(today: date) -> tuple[date, date]:
    """Return the feed's span: last month (kept in the subscriber's calendar) and the coming year."""
    return today - timedelta(days=FEED_PAST_DAYS), today + timedelta(days=FEED_DAYS)


def token_hash(token: str) -> str:
    """Return the stored form of a feed token: its SHA-256, hex (the token is never stored)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def ordered(entries) -> list[Entry]:
    """Return the entries by day, then kind, then title."""
    rank = {kind: i for i, kind in enumerate(KIND_LABELS)}
    return sorted(entries, key=lambda e: (e.day, rank.get(e.kind, 99), e.title, e.uid))
