"""The register's rules (Chương II of the regulation), as pure functions.

No Flask, no database. A "task_like" is anything with the attributes
returned_on, is_completed, completed_on, deadline, started_on (a Task row,
a namedtuple, a SimpleNamespace). A calendar is a WorkCalendar-like object
with is_working_day(d), add_working_days(d, n), count_working_days(a, b).

Deadlines are calendar dates: a task is overdue the day after its deadline.
Working days are used only where the regulation says so (R-6.1b, R-6.3b) and
for the "due soon" warning.
"""

from __future__ import annotations

import enum
from datetime import date, timedelta

DEFAULT_DUE_SOON_DAYS = 3  # setting 'register.due_soon_days'
REGISTRATION_DAYS = 1  # R-6.1b: at most 1 working day after receipt
REGISTRATION_DAYS_COMPLEX = 2  # R-6.1b: 2 for many tasks/units/opinions
RESULT_ENTRY_DAYS = 2  # R-6.3b: results at most 2 working days after the deadline

MSG_REGISTRATION_LATE = "Quá hạn phân loại, cập nhật nhiệm vụ (điểm b khoản 1 Điều 6)"
MSG_RESULT_ENTRY_LATE = "Quá hạn cập nhật kết quả thực hiện (điểm b khoản 3 Điều 6)"


class Status(enum.Enum):
    """Status of a task (R-5.1e), computed from its dates, never typed."""

    DANG_THUC_HIEN_TRONG_HAN = "dang_trong_han"
    DANG_THUC_HIEN_QUA_HAN = "dang_qua_han"
    HOAN_THANH_DUNG_HAN = "xong_dung_han"
    HOAN_THANH_QUA_HAN = "xong_qua_han"
    HOAN_THANH_KHONG_RO_NGAY = "xong_khong_ro_ngay"
    CHUA_THUC_HIEN_TRONG_HAN = "chua_trong_han"
    CHUA_THUC_HIEN_QUA_HAN = "chua_qua_han"
    KHONG_THOI_HAN = "khong_thoi_han"
    DA_TRA_LAI = "da_tra_lai"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_overdue(self) -> bool:
        return self in (Status.DANG_THUC_HIEN_QUA_HAN, Status.CHUA_THUC_HIEN_QUA_HAN)

    @property
    def is_open(self) -> bool:
        """Still to be done (not completed, not returned)."""
        return self in OPEN_STATUSES

    @classmethod
    def from_code(cls, code: str) -> Status | None:
        try:
            return cls(code)
        except ValueError:
            return None


STATUS_LABELS = {
    Status.DANG_THUC_HIEN_TRONG_HAN: "Đang thực hiện trong hạn",
    Status.DANG_THUC_HIEN_QUA_HAN: "Đang thực hiện quá hạn",
    Status.HOAN_THANH_DUNG_HAN: "Đã hoàn thành đúng hạn",
    Status.HOAN_THANH_QUA_HAN: "Đã hoàn thành quá hạn",
    Status.HOAN_THANH_KHONG_RO_NGAY: "Đã hoàn thành (không rõ ngày)",
    Status.CHUA_THUC_HIEN_TRONG_HAN: "Chưa thực hiện trong hạn",
    Status.CHUA_THUC_HIEN_QUA_HAN: "Chưa thực hiện quá hạn",
    Status.KHONG_THOI_HAN: "Không có thời hạn",
    Status.DA_TRA_LAI: "Đã trả lại",
}

OPEN_STATUSES = frozenset(
    {
        Status.DANG_THUC_HIEN_TRONG_HAN,
        Status.DANG_THUC_HIEN_QUA_HAN,
        Status.CHUA_THUC_HIEN_TRONG_HAN,
        Status.CHUA_THUC_HIEN_QUA_HAN,
        Status.KHONG_THOI_HAN,
    }
)

# Bootstrap colour per status, for badges.
STATUS_STYLES = {
    Status.DANG_THUC_HIEN_TRONG_HAN: "primary",
    Status.DANG_THUC_HIEN_QUA_HAN: "danger",
    Status.HOAN_THANH_DUNG_HAN: "success",
    Status.HOAN_THANH_QUA_HAN: "warning",
    Status.HOAN_THANH_KHONG_RO_NGAY: "success",
    Status.CHUA_THUC_HIEN_TRONG_HAN: "info",
    Status.CHUA_THUC_HIEN_QUA_HAN: "danger",
    Status.KHONG_THOI_HAN: "secondary",
    Status.DA_TRA_LAI: "dark",
}


def status(task, today: date, calendar=None) -> Status:
    """Return the status of a task on `today` (R-5.1e, R-6.2).

    Order matters and is mirrored by queries.status_case():
    returned > completed > no deadline > started or not, in time or late.
    The calendar is accepted for a uniform signature; deadlines are calendar dates.
    """
    if task.returned_on is not None:
        return Status.DA_TRA_LAI
    if task.is_completed:
        if task.completed_on is None:
            return Status.HOAN_THANH_KHONG_RO_NGAY
        if task.deadline is None or task.completed_on <= task.deadline:
            return Status.HOAN_THANH_DUNG_HAN
        return Status.HOAN_THANH_QUA_HAN
    if task.deadline is None:
        return Status.KHONG_THOI_HAN
    late = today > task.deadline
    if task.started_on is not None:
        return Status.DANG_THUC_HIEN_QUA_HAN if late else Status.DANG_THUC_HIEN_TRONG_HAN
    return Status.CHUA_THUC_HIEN_QUA_HAN if late else Status.CHUA_THUC_HIEN_TRONG_HAN


def due_soon_limit(today: date, calendar, days: int = DEFAULT_DUE_SOON_DAYS) -> date:
    """Return the last deadline that is still "due soon" seen from `today`.

    A deadline is due soon when at most `days` working days remain until it:
    everything up to the day before the (days+1)-th working day after today
    (so a deadline on the weekend after the last counted working day is included).
    """
    return calendar.add_working_days(today, days + 1) - timedelta(days=1)


def due_soon(task, today: date, calendar, days: int = DEFAULT_DUE_SOON_DAYS) -> bool:
    """Tell whether an open task's deadline falls within `days` working days."""
    if task.returned_on is not None or task.is_completed or task.deadline is None:
        return False
    return today <= task.deadline <= due_soon_limit(today, calendar, days)


def registration_due(received_on: date, is_complex: bool, calendar) -> date:
    """Return the last day to classify and register a received document (R-6.1b)."""
    days = REGISTRATION_DAYS_COMPLEX if is_complex else REGISTRATION_DAYS
    return calendar.add_working_days(received_on, days)


def registration_window_start(day: date, calendar) -> date:
    """Return the earliest received date whose R-6.1b limit a change of `day` in the calendar can move.

    A limit lies at most REGISTRATION_DAYS_COMPLEX working days after receipt, so a document
    received before the 2nd working day preceding `day` is registered in time before `day`
    whatever `day` becomes; the days before `day` are the same in the old and the new calendar.
    """
    return calendar.add_working_days(day, -REGISTRATION_DAYS_COMPLEX)


def registration_late(task) -> bool:
    """Tell whether a task was registered after its stored R-6.1b limit; unknown dates are not judged.

    The one judgement of late registration: the register list (its SQL twin
    queries.late_registration_condition()), the task page and an inspection's findings
    all ask it. It reads the stored `registration_due_on`, which operations recompute
    whenever the received date, the "complex" mark or the calendar changes.
    """
    if task.registered_on is None or task.registration_due_on is None:
        return False
    return task.registered_on > task.registration_due_on


def result_entry_due(deadline: date, calendar) -> date:
    """Return the last day to enter the result of an ordinary task (R-6.3b)."""
    return calendar.add_working_days(deadline, RESULT_ENTRY_DAYS)


# R-6.3b binds the tasks "do UBND tỉnh, Chủ tịch UBND tỉnh giao" (a Vice-Chairman signs for the
# Chairman, the Provincial Office "TL." by his order); the Director's tasks are not on the Province's
# software the limit serves: they are kept up to date under R-6.3a, without the 2-day limit.
PROVINCE_ISSUERS = frozenset({"ubnd_tinh", "chu_tich", "pho_chu_tich", "vp_ubnd_tinh"})


def result_entry_judged(task, issuer_kind) -> bool:
    """Tell whether R-6.3b judges a task: an ordinary, not returned task from the Province."""
    if getattr(task, "is_secret", False) or task.returned_on is not None:
        return False
    return issuer_kind in PROVINCE_ISSUERS


def result_entry_late(task, today: date, calendar, *, issuer_kind, updated_on=(), periods=()) -> bool:
    """Tell whether the progress/result of a task was (or is) entered late for some deadline (R-6.3b).

    "Cập nhật tình hình, kết quả": a progress update entered (`updated_on`, the dates updates were
    entered) between a deadline and its limit counts, as does a result entered by the limit.
    A recurring task is judged for each of its `periods` (deadline, completed_on), not only the
    first. Secret tasks are updated "when results exist" (second paragraph): never late; returned
    tasks, tasks without deadline and tasks not from the Province are not judged.
    """
    if not result_entry_judged(task, issuer_kind):
        return False
    updated_on = sorted(updated_on)
    return any(_entry_late(dl, res, today, calendar, updated_on) for dl, res in _entry_deadlines(task, periods))


def _entry_deadlines(task, periods):
    """(deadline, date its result counts from) for each deadline R-6.3b judges."""
    if periods:
        # A period keeps no entry date of its own: its result is dated by completed_on.
        return [(p.deadline, p.completed_on) for p in periods]
    return [(task.deadline, task.result_entered_on)] if task.deadline else []


def _entry_late(deadline, result_on, today, calendar, updated_on) -> bool:
    due = result_entry_due(deadline, calendar)
    if result_on is not None and result_on <= due:
        return False
    if any(deadline <= day <= due for day in updated_on):
        return False
    return today > due  # nothing in time: late once the limit has passed


def finished_within_original(task) -> bool | None:
    """Tell whether a completed task met its original deadline (before extensions).

    None when the task is not completed, its date is unknown, or it had no deadline.
    """
    if not task.is_completed or task.completed_on is None:
        return None
    original = task.original_deadline or task.deadline
    if original is None:
        return None
    return task.completed_on <= original


# The four figures of Vietnamese statistics, and what each status counts as.
FIGURES = (
    ("hoan_thanh_dung_han", "Hoàn thành đúng hạn"),
    ("hoan_thanh_qua_han", "Hoàn thành quá hạn"),
    ("dang_thuc_hien_trong_han", "Đang thực hiện trong hạn"),
    ("dang_thuc_hien_qua_han", "Đang thực hiện quá hạn"),
)
FIGURE_OF = {
    Status.HOAN_THANH_DUNG_HAN: "hoan_thanh_dung_han",
    # A completion the sheet gives no date for cannot be proven late.
    Status.HOAN_THANH_KHONG_RO_NGAY: "hoan_thanh_dung_han",
    Status.HOAN_THANH_QUA_HAN: "hoan_thanh_qua_han",
    Status.DANG_THUC_HIEN_TRONG_HAN: "dang_thuc_hien_trong_han",
    Status.CHUA_THUC_HIEN_TRONG_HAN: "dang_thuc_hien_trong_han",
    # A task without deadline is never late.
    Status.KHONG_THOI_HAN: "dang_thuc_hien_trong_han",
    Status.DANG_THUC_HIEN_QUA_HAN: "dang_thuc_hien_qua_han",
    Status.CHUA_THUC_HIEN_QUA_HAN: "dang_thuc_hien_qua_han",
    # Returned tasks leave the active counts: no figure.
}


def four_figures(status_counts: dict) -> dict:
    """Fold {Status: count} into the four statistics figures (returned tasks left out)."""
    out = {key: 0 for key, _ in FIGURES}
    for st, n in status_counts.items():
        key = FIGURE_OF.get(st)
        if key:
            out[key] += n
    return out


def extension_figures(tasks) -> dict:
    """Count completed tasks by whether they met the original or only the extended deadline."""
    out = {"trong_han_goc": 0, "trong_han_gia_han": 0, "qua_han": 0}
    for t in tasks:
        within_original = finished_within_original(t)
        if within_original is None:
            continue
        if within_original:
            out["trong_han_goc"] += 1
        elif t.deadline is not None and t.completed_on <= t.deadline:
            out["trong_han_gia_han"] += 1
        else:
            out["qua_han"] += 1
    return out


def validate_deadline(received_on, deadline) -> str | None:
    """Return a Vietnamese message when a deadline is before the document's receipt."""
    if received_on and deadline and deadline < received_on:
        return f"Thời hạn thực hiện không được trước ngày nhận văn bản ({received_on:%d/%m/%Y})."
    return None


def period_deadlines(recurrence: str, day: int | None, start: date, end: date) -> list:
    """List (label, deadline) of each period of a recurring task between start and end."""
    if recurrence not in RECURRENCE_MONTHS:
        return []
    step = RECURRENCE_MONTHS[recurrence]
    out = []
    year, month = start.year, 1 + ((start.month - 1) // step) * step
    while True:
        last_month = month + step - 1
        d = _day_in_month(year, last_month, day)
        if d > end:
            break
        if d >= start:
            out.append((_period_label(recurrence, year, month, step), d))
        month += step
        if month > 12:
            month -= 12
            year += 1
    return out


RECURRENCE_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
RECURRENCE_LABELS = {
    "": "Không định kỳ",
    "monthly": "Hằng tháng",
    "quarterly": "Hằng quý",
    "half_yearly": "6 tháng một lần",
    "yearly": "Hằng năm",
}


def _day_in_month(year: int, month: int, day: int | None) -> date:
    nxt = date(year + (month // 12), month % 12 + 1, 1)
    last = (nxt - timedelta(days=1)).day
    return date(year, month, min(day or last, last))


def _period_label(recurrence: str, year: int, month: int, step: int) -> str:
    if recurrence == "monthly":
        return f"Tháng {month:02d}/{year}"
    if recurrence == "quarterly":
        return f"Quý {(month - 1) // 3 + 1}/{year}"
    if recurrence == "half_yearly":
        return f"6 tháng {'đầu' if month == 1 else 'cuối'} năm {year}"
    return f"Năm {year}"
