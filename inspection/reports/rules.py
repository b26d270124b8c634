"""The reporting regime's pure rules (R-18, R-20, R-5.1g, R-5.2): kinds, periods, labels, checks.

No Flask, no database: dates in, dates and Vietnamese text out. The figures themselves come
from monitoring/figures.py; here they are only named and formatted.
"""

import calendar as _calendar
from datetime import date, timedelta

MONTHLY, HALF_YEAR, YEARLY, REQUEST = "monthly", "half_year", "yearly", "request"
KINDS = {
    MONTHLY: "Báo cáo tháng",  # the monthly briefing
    HALF_YEAR: "Báo cáo 6 tháng",  # due 10 June
    YEARLY: "Báo cáo năm",  # due 10 December
    REQUEST: "Báo cáo theo yêu cầu",  # R-18/R-5.1g: any period, on leadership's request
}
# (month, day) by which the Department sends the report to the Provincial Office.
DUE = {HALF_YEAR: (6, 10), YEARLY: (12, 10)}
# The secret report goes every 6 months, yearly, or on request: no monthly one.
SECRET_KINDS = (HALF_YEAR, YEARLY, REQUEST)
# the 6-month and yearly reports are "on tasks from the Province" (the issuers of
# register.rules.PROVINCE_ISSUERS); the monthly and on-request reports count every issuer.
PROVINCE_KINDS = (HALF_YEAR, YEARLY)
PROVINCE_TASKS = "nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao"

ALL, UNIT, ISSUER, TASK = "all", "unit", "issuer", "task"
SCOPES = {
    ALL: "Toàn Sở (theo đơn vị chủ trì)",
    UNIT: "Một đơn vị",
    ISSUER: "Một cơ quan, người giao",
    TASK: "Một nhiệm vụ",
}

# The statistics table's columns: template key -> monitoring.figures attribute.
STAT_KEYS = {
    "total": "total",
    "done_on_time": "hoan_thanh_dung_han",
    "done_late": "hoan_thanh_qua_han",
    "pending_in_time": "dang_thuc_hien_trong_han",
    "pending_overdue": "dang_thuc_hien_qua_han",
    "completion_pct": "completion_pct",
    "overdue_pct": "overdue_pct",
}

MSG_ORDER = "Ngày kết thúc kỳ báo cáo ({end:%d/%m/%Y}) trước ngày bắt đầu ({start:%d/%m/%Y})."
MSG_FUTURE = "Ngày chốt số liệu ({end:%d/%m/%Y}) chưa đến: hôm nay là {today:%d/%m/%Y}."
MSG_EMPTY = "Sổ theo dõi chưa có nhiệm vụ nào: chưa có số liệu để báo cáo."
MSG_TOO_EARLY = (
    "Ngày chốt số liệu ({end:%d/%m/%Y}) trước ngày vào sổ nhiệm vụ đầu tiên ({first:%d/%m/%Y}): chưa có số liệu."
)
MSG_SECRET_MONTHLY = (
    "Báo cáo nhiệm vụ mật lập 6 tháng, hằng năm hoặc theo yêu cầu, không lập hằng tháng (khoản 2 Điều 5)."
)
MSG_FROZEN = (
    "Báo cáo đã ban hành với số {number}: số liệu đã chốt, không tạo lại được. "
    "Muốn có phiên bản mới, lập một báo cáo mới."
)
MSG_NO_CLEARANCE = "Chỉ người được phép tiếp cận thông tin mật mới lập hoặc xem báo cáo nhiệm vụ mật (khoản 2 Điều 5)."


def default_period(kind: str, today: date) -> tuple[date, date]:
    """The period a report of `kind` usually covers, seen from `today` (the user may change it).

    Monthly: the last whole month. 6-month: 1 January to 31 May, so the report goes by 10 June;
    yearly: 1 January to 30 November, by 10 December (R-20.2). On request: this month so far.
    """
    if kind == MONTHLY:
        end = today.replace(day=1) - timedelta(days=1)
        return end.replace(day=1), end
    if kind in DUE:
        month, _day = DUE[kind]
        year = today.year if today >= date(today.year, month - 1, _last(today.year, month - 1)) else today.year - 1
        return date(year, 1, 1), date(year, month - 1, _last(year, month - 1))
    return today.replace(day=1), today


def _last(year, month):
    return _calendar.monthrange(year, month)[1]


def due_date(kind: str, end: date) -> date | None:
    """The day a 6-month or yearly report is due (R-20.2), else None."""
    if kind not in DUE:
        return None
    month, day = DUE[kind]
    return date(end.year, month, day)


def period_refusal(start: date, end: date, today: date, first_day: date | None) -> tuple[str, str] | None:
    """Return (message, field) when the period cannot be reported on, else None.

    A period that ends before it starts, a cut-off in the future (its figures would change)
    or before the first task registered (nothing to report).
    """
    if end < start:
        return MSG_ORDER.format(start=start, end=end), "period_end"
    if end > today:
        return MSG_FUTURE.format(end=end, today=today), "period_end"
    if first_day is None:
        return MSG_EMPTY, "period_end"
    if end < first_day:
        return MSG_TOO_EARLY.format(end=end, first=first_day), "period_end"
    return None


def period_label(kind: str, start: date, end: date) -> str:
    """The period as the heading prints it, in capitals: "THÁNG 10 NĂM 2026", "6 THÁNG ĐẦU NĂM 2027"."""
    if kind == MONTHLY and start.day == 1 and start.month == end.month and start.year == end.year:
        return f"THÁNG {start.month} NĂM {start.year}"
    if kind == HALF_YEAR:
        return f"6 THÁNG ĐẦU NĂM {end.year}"
    if kind == YEARLY:
        return f"NĂM {end.year}"
    return f"TỪ NGÀY {start:%d/%m/%Y} ĐẾN NGÀY {end:%d/%m/%Y}"


def tasks_text(kind: str, secret: bool) -> str:
    """What the report is on, in words: "nhiệm vụ được giao", or the Province's tasks (R-20.2)."""
    if kind in PROVINCE_KINDS:
        return PROVINCE_TASKS.replace("nhiệm vụ", "nhiệm vụ mật", 1) if secret else PROVINCE_TASKS
    return "nhiệm vụ mật được giao" if secret else "nhiệm vụ được giao"


def pct_text(value) -> str:
    """A percentage the Vietnamese way ("85,0"); "-" when there was nothing to divide."""
    return "-" if value is None else f"{value:.1f}".replace(".", ",")


def stat_row(label: str, figures: dict) -> dict:
    """One row of the statistics table from Figures.as_dict(): the seven columns, plain values."""
    row = {"unit": label}
    row.update({key: figures[attr] for key, attr in STAT_KEYS.items()})
    return row


def count_text(n: int) -> str:
    """A count as Vietnamese documents write it: two digits below ten ("05")."""
    return f"{n:02d}" if 0 <= n < 10 else str(n)
