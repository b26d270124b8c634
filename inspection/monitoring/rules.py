"""Monitoring rules (Chương III, R-8) as pure functions: no Flask, no database.

The status of a task is the register's rule (register/rules.py `status()`); here are only
what the dashboards add on top: which "as of" dates make sense, the months of the trend,
the percentages, and the R-6.3b cut-off that lets SQL count late result entries.
"""

from __future__ import annotations

from datetime import date, timedelta

from inspection.register.rules import due_soon, result_entry_due

TREND_MONTHS = 12
# A result entered this many calendar days after its deadline is late whatever the calendar:
# the R-6.3b limit (2 working days) never lies further (tests check every day of 2020-2035).
MAX_ENTRY_GAP_DAYS = 21

MSG_AS_OF_FUTURE = "Ngày tính số liệu không được sau ngày hôm nay ({today:%d/%m/%Y})."
MSG_AS_OF_TOO_EARLY = "Ngày tính số liệu trước ngày vào sổ nhiệm vụ đầu tiên ({first:%d/%m/%Y}): chưa có số liệu."
MSG_AS_OF_INVALID = "Ngày tính số liệu không hợp lệ ({raw}): nhập theo dạng ngày/tháng/năm, ví dụ 31/10/2026."


def percent(part: int, whole: int) -> float | None:
    """Return part/whole in percent, rounded to one decimal; None when there is nothing to divide."""
    if not whole:
        return None
    return round(100.0 * part / whole, 1)


def as_of_error(as_of: date, today: date, first_day: date | None) -> str | None:
    """Return why `as_of` cannot be used (future, or before the first task), else None (R-8)."""
    if as_of > today:
        return MSG_AS_OF_FUTURE.format(today=today)
    if first_day is not None and as_of < first_day:
        return MSG_AS_OF_TOO_EARLY.format(first=first_day)
    return None


def month_ends(as_of: date, months: int = TREND_MONTHS) -> list[date]:
    """Return the last day of each of the `months` months up to `as_of`, the last one being `as_of` itself."""
    ends = [as_of]
    first_of_month = as_of.replace(day=1)
    while len(ends) < months:
        last = first_of_month - timedelta(days=1)
        ends.append(last)
        first_of_month = last.replace(day=1)
    return ends[::-1]


def result_entry_cutoff(as_of: date, calendar) -> date:
    """Return the last deadline whose R-6.3b result-entry limit had passed on `as_of`.

    `result_entry_due` grows with the deadline, so a task without an entered result is late
    on `as_of` exactly when its deadline is on or before this day: SQL compares one date.
    """
    day = as_of - timedelta(days=1)
    while result_entry_due(day, calendar) >= as_of:
        day -= timedelta(days=1)
    return day


def result_entered_late(deadline: date | None, entered_on: date | None, calendar) -> bool:
    """Tell whether a result entered on `entered_on` came after the R-6.3b limit of `deadline`."""
    if deadline is None or entered_on is None:
        return False
    return entered_on > result_entry_due(deadline, calendar)


def deadline_then(day: date, history, current: date | None) -> date | None:
    """Return the deadline in force on `day`: the old deadline of the first extension recorded
    after `day`, else the current one. `history` is [(recorded on, old deadline)] in order."""
    for recorded_on, old in history:
        if recorded_on > day:
            return old
    return current


def figure_on(day: date, registered_on, returned_on, is_completed, completed_on, deadline) -> str | None:
    """Return the figure (register/rules.py FIGURES key) a task counts in on `day`, None when it
    does not count (not registered yet, or returned by then: R-6.2). Twin of monitoring/sql.py four()."""
    if (registered_on is not None and registered_on > day) or (returned_on is not None and returned_on <= day):
        return None
    if is_completed and (completed_on is None or completed_on <= day):
        if completed_on is None or deadline is None or completed_on <= deadline:
            return "hoan_thanh_dung_han"
        return "hoan_thanh_qua_han"
    if deadline is not None and deadline < day:
        return "dang_thuc_hien_qua_han"
    return "dang_thuc_hien_trong_han"


# --- urging (R-9, R-10) -------------------------------------------------------------------
LETTER = "letter"
# the channels an urging goes through, each recorded with its date.
URGING_CHANNELS = {
    "software": "Qua phần mềm",
    LETTER: "Công văn đôn đốc",
    "email": "Thư điện tử công vụ",
    "phone": "Điện thoại, fax",
    "meeting": "Tại cuộc họp",
    "inspection": "Qua kiểm tra",
    "report": "Qua báo cáo định kỳ, đột xuất",
}
MSG_NOT_OPEN = "Nhiệm vụ đã hoàn thành hoặc đã trả lại, không đôn đốc (Điều 9)."
MSG_SECRET = "Nhiệm vụ mật không được đôn đốc qua danh sách thông thường (khoản 2 Điều 5)."
MSG_SEVERAL_UNITS = "Mỗi công văn đôn đốc chỉ gửi một đơn vị chủ trì; hãy chọn nhiệm vụ của một đơn vị (Điều 10)."
MSG_NO_TASK = "Chọn ít nhất một nhiệm vụ cần đôn đốc."
MSG_CHANNEL = "Hình thức đôn đốc không hợp lệ (Điều 9)."
MSG_NOT_COOPERATING = "Chỉ đôn đốc đơn vị phối hợp thực hiện nhiệm vụ này (khoản 2 Điều 10)."


def urging_refusal(task) -> str | None:
    """Say why a task may not be urged: completed or returned (R-9), or secret (R-5.2)."""
    if task.is_secret:
        return MSG_SECRET
    if task.is_completed or task.returned_on is not None:
        return MSG_NOT_OPEN
    return None


def letter_refusal(tasks) -> str | None:
    """Say why one letter may not cover these tasks: none, several lead units (R-10), or one refused."""
    if not tasks:
        return MSG_NO_TASK
    if len({t.lead_unit_id for t in tasks}) > 1:
        return MSG_SEVERAL_UNITS
    return next((msg for msg in map(urging_refusal, tasks) if msg), None)


def urgeable(task, today, calendar, due_soon_days) -> bool:
    """Tell whether a task belongs to the suggested list: open and overdue or due soon (R-10)."""
    if urging_refusal(task) or task.deadline is None:
        return False
    return task.deadline < today or due_soon(task, today, calendar, due_soon_days)


def group_by_lead_unit(tasks) -> dict:
    """Group tasks by lead unit id, in the order first met (one letter per unit, R-10)."""
    groups = {}
    for task in tasks:
        groups.setdefault(task.lead_unit_id, []).append(task)
    return groups


# --- f1: one urging letter at a time for a unit's task (R-9, R-10) ---------------------------
MSG_LETTER_WAITING = (
    "Công văn đôn đốc gửi {unit} “{abstract}” (dự thảo chưa có số, lập ngày {created:%d/%m/%Y}) {state} "
    "và đã gồm {n} nhiệm vụ đang chọn; {advice} (Điều 10)."
)
# state of the waiting letter -> (what it is doing, what to do instead of a second letter)
LETTER_WAITING_STATES = {
    "draft": ("còn là dự thảo", "hãy trình ký hoặc ký ban hành dự thảo đó tại mục Văn bản đi thay vì lập công văn mới"),
    "submitted": ("đang chờ {signer} ký", "hãy chờ công văn đó được ký hoặc trả lại rồi mới lập công văn mới"),
    "issuing": ("đang được ban hành", "hãy chờ công văn đó ban hành xong"),
}


def waiting_letter_refusal(letter, urged_ids, unit_name, task_ids) -> str | None:
    """Say why a new letter may not go out: `letter`, not yet issued, goes to the same unit and
    already covers some of `task_ids` (R-10: the unit gets one letter, not two for the same tasks)."""
    waiting = LETTER_WAITING_STATES.get(letter.state)
    addressees = letter.ctx.get("addressees") or [unit_name]
    shared = set(urged_ids) & set(task_ids)
    if waiting is None or unit_name not in addressees or not shared:
        return None
    signer = letter.submitted_to.full_name if letter.submitted_to_id else "người ký"
    return MSG_LETTER_WAITING.format(
        unit=unit_name,
        abstract=_trich_yeu(letter.abstract or "đôn đốc thực hiện nhiệm vụ"),
        created=letter.created_at,
        state=waiting[0].format(signer=signer),
        n=len(shared),
        advice=waiting[1],
    )


def _trich_yeu(abstract) -> str:
    """The abstract as a công văn prints it under its number, "V/v …" (Decree 30)."""
    return abstract if abstract.lower().startswith(("v/v", "về việc")) else f"V/v {abstract}"


# --- end f1 ---
