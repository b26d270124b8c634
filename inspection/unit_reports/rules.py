"""The unit monthly report's calendar and states (R-19.1, R-20.1): pure, no Flask, no database.

R-20.1 (khoản 1 Điều 20): "chậm nhất vào ngày 19 hàng tháng" each unit reviews its tasks and
reports to the Office. "At the latest on the 19th": when the 19th is a day off, the report is
due on the last working day before it (the same day the monthly reminder of notifications
counts as "the day", notifications/rules.py `reminder_day(due, 0)`). The report of a month
covers the days after the previous month's due date up to its own due date; its figures are
those of the register as of that due date (or of today while the due date has not come).

A report sent after its due date is still accepted (Điều 19 asks every unit to report; the
regulation refuses none) and counted late. A report returned by the Office for correction
keeps the date of its first sending: the unit did report on that day (docs/reports.md).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from inspection.notifications.rules import MONTHLY_DAY, reminder_day

DRAFT = "draft"
SUBMITTED = "submitted"
STATES = {DRAFT: "Dự thảo", SUBMITTED: "Đã gửi"}

ON_TIME = "on_time"
LATE = "late"
MISSING = "missing"
PENDING = "pending"
TIMELINESS = {
    ON_TIME: "Gửi đúng hạn",
    LATE: "Gửi muộn",
    MISSING: "Chưa gửi, quá hạn",
    PENDING: "Chưa gửi, chưa đến hạn",
}
COUNTED_AGAINST = (LATE, MISSING)  # R-7.2c, R-25: what weighs on the unit's yearly evaluation

SUBMITTED_EVENT = "submitted"
RETURNED_EVENT = "returned"
EVENTS = {SUBMITTED_EVENT: "Gửi báo cáo", RETURNED_EVENT: "Văn phòng Sở trả lại để chỉnh sửa"}

REASON_MAX = 2000
REMARKS_MAX = 4000
FIRST_YEAR = 2000

MSG_FUTURE = "Kỳ báo cáo tháng {period} chưa bắt đầu (kỳ bắt đầu ngày {start:%d/%m/%Y}); không lập báo cáo trước kỳ."
MSG_BAD_PERIOD = "Kỳ báo cáo không hợp lệ: ghi theo dạng tháng/năm, ví dụ 11/2026."
MSG_TWICE = "Báo cáo tháng {period} của đơn vị đã được gửi ngày {day:%d/%m/%Y}; không gửi lại lần nữa."
MSG_NOT_SUBMITTED = "Báo cáo tháng {period} chưa được gửi nên không thể trả lại."
MSG_RETURN_REMARKS = "Ghi ý kiến của Văn phòng Sở: đơn vị cần sửa nội dung gì."
MSG_REASON_MISSING = "Nêu lý do chậm của từng nhiệm vụ quá hạn trước khi gửi (khoản 2 Điều 19)."


class Period(NamedTuple):
    """One month of the reporting regime: the report of `month`/`year`."""

    year: int
    month: int

    def __str__(self):
        return f"{self.month:02d}/{self.year}"

    def previous(self) -> Period:
        return Period(self.year - (self.month == 1), 12 if self.month == 1 else self.month - 1)

    def next(self) -> Period:
        return Period(self.year + (self.month == 12), 1 if self.month == 12 else self.month + 1)


def parse_period(raw) -> Period:
    """Return the period written 'MM/YYYY' (or 'YYYY-MM'); raise ValueError otherwise."""
    text = (raw or "").strip()[:10]
    if "/" in text:
        month, year = text.split("/", 1)
    elif "-" in text:
        year, month = text.split("-", 1)
    else:
        raise ValueError(text)
    if not (month.isascii() and month.isdigit() and year.isascii() and year.isdigit()):
        raise ValueError(text)
    return checked(int(year), int(month))


def checked(year: int, month: int) -> Period:
    """Return Period(year, month) when it is a real month in the supported range; raise ValueError."""
    if not (FIRST_YEAR <= year <= 2100 and 1 <= month <= 12):
        raise ValueError(f"{month}/{year}")
    return Period(year, month)


def due_date(period: Period, calendar) -> date:
    """Return the day the report of `period` is due: the 19th, or the working day before it (R-20.1)."""
    return reminder_day(date(period.year, period.month, MONTHLY_DAY), 0, calendar)


def period_start(period: Period, calendar) -> date:
    """Return the first day the report covers: the day after the previous report's due date."""
    return due_date(period.previous(), calendar) + timedelta(days=1)


def current_period(today: date, calendar) -> Period:
    """Return the period whose report is being prepared on `today` (due today or next)."""
    period = Period(today.year, today.month)
    return period if today <= due_date(period, calendar) else period.next()


def future_error(period: Period, today: date, calendar) -> str | None:
    """Refuse a period that has not started yet on `today`."""
    start = period_start(period, calendar)
    return MSG_FUTURE.format(period=period, start=start) if start > today else None


def figures_as_of(period: Period, today: date, calendar) -> date:
    """Return the date the report's figures are counted at: its due date, or today before it."""
    return min(due_date(period, calendar), today)


def timeliness(due: date, first_submitted_on: date | None, today: date) -> str:
    """Classify a unit's report of one period: on time, late, missing or not yet due (R-20.1)."""
    if first_submitted_on is not None:
        return ON_TIME if first_submitted_on <= due else LATE
    return MISSING if today > due else PENDING


def sent_message(period: Period, first_submitted_on: date, calendar) -> str:
    """The unit head's message once sent; after the due date it says the report was late (R-20.1)."""
    due = due_date(period, calendar)
    late = f" (gửi muộn so với hạn ngày {due:%d/%m/%Y}, R-20.1)" if first_submitted_on > due else ""
    return f"Đã gửi báo cáo tháng {period} đến Văn phòng Sở{late}."


def tally(kinds) -> dict:
    """Count the timeliness kinds of many units' reports: {kind: n} with every kind present."""
    out = dict.fromkeys(TIMELINESS, 0)
    for kind in kinds:
        out[kind] += 1
    return out


def submit_refusal(state: str, period: Period, submitted_on, overdue_ids, reasons: dict) -> str | None:
    """Refuse a second sending, or a sending without a reason for each overdue task (R-19.2)."""
    if state == SUBMITTED:
        return MSG_TWICE.format(period=period, day=submitted_on)
    if any(not (reasons.get(str(task_id)) or "").strip() for task_id in overdue_ids):
        return MSG_REASON_MISSING
    return None


def reasons_missing(overdue: list, per_page: int) -> tuple[int, int | None]:
    """How many overdue tasks still lack a reason (R-19.2), and the first page of the list
    (`per_page` rows a page) holding one, or None: sending needs a reason on every page."""
    missing = [i for i, row in enumerate(overdue) if not (row.get("reason") or "").strip()]
    return len(missing), (missing[0] // per_page + 1 if missing else None)


def frozen_content(as_of: date, figures: dict, overdue: list, reasons: dict, difficulties: list) -> dict:
    """The report's content as sent: figures, overdue tasks with the unit's reasons, difficulties.

    Plain values only (stored as JSON): a later change in the register never changes a sent
    report. `overdue` rows are dicts with id, summary, number, deadline (ISO) keys.
    """
    return {
        "as_of": as_of.isoformat(),
        "figures": figures,
        "overdue": [{**row, "reason": (reasons.get(str(row["id"])) or "").strip()} for row in overdue],
        "difficulties": difficulties,
    }
