"""When reminders go, what they say, and the e-mail made of a message (pure: no Flask, no database).

A schedule line is an offset in working days from an anchor date: a task's deadline, or the
19th of each month by which units update their tasks (R-20.1). Negative offsets go before the
date, 0 on the day (the last working day on or before it when the date itself is a day off),
positive ones after it: +1 is the first working day after. Working days are the calendar's
(Tết, swapped Saturdays, the administrator's overrides).

A run on `today` covers the days since the working day before it (a Monday run covers the
weekend) and LOOKBACK working days more, so a day the daily run missed is caught up; the
unique key in the database keeps a reminder from going twice.
"""

from __future__ import annotations

from datetime import date, timedelta

DEADLINE = "deadline"
MONTHLY = "monthly"
ANCHORS = (DEADLINE, MONTHLY)
MONTHLY_DAY = 19  # units update their tasks by the 19th of each month
DEFAULT_SCHEDULE = {DEADLINE: (-3, 0, 1), MONTHLY: (-3,)}
MAX_OFFSET = 10  # working days; the form refuses more
LOOKBACK = 1  # missed working days a run catches up (the key in the database stops doubles)
SUMMARY_CHARS = 200

# the only words a message or e-mail about a secret task may carry.
SECRET_TEXT = "Có một nhiệm vụ mật cần xử lý; vui lòng đăng nhập để xem."
SECRET_SUBJECT = "Thông báo từ hệ thống theo dõi, đôn đốc nhiệm vụ"

KIND_LABELS = {
    "deadline_before": "Sắp đến hạn",
    "deadline_day": "Đến hạn hôm nay",
    "deadline_after": "Quá hạn",
    "monthly_update": "Cập nhật hằng tháng",
    "urging": "Đôn đốc",
    "info": "Thông báo",
}
MAIL_FOOTER = "Thư gửi tự động từ Hệ thống theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ; vui lòng không trả lời."


def reminder_day(due: date, offset: int, calendar) -> date:
    """Return the working day the reminder `offset` working days from `due` goes on."""
    if offset == 0:
        return due if calendar.is_working_day(due) else calendar.add_working_days(due, -1)
    return calendar.add_working_days(due, offset)


def window_start(today: date, calendar, lookback: int = LOOKBACK) -> date:
    """Return the first day a run on `today` covers: the days since the working day before today,
    and `lookback` working days more, so a run that did not happen is caught up."""
    return calendar.add_working_days(today, -(lookback + 1)) + timedelta(days=1)


def timely(due: date, offset: int, today: date) -> bool:
    """Tell whether a reminder still makes sense today: "before" ones only before, "after" ones only after."""
    if offset < 0:
        return due > today
    if offset == 0:
        return due >= today
    return due < today


def dues_in_window(start: date, today: date, offset: int, calendar) -> list[date]:
    """Return the due dates whose `offset` reminder falls in [start, today] and is still timely."""
    span = timedelta(days=3 * abs(offset) + 21)  # wide enough for Tết's nine days off
    day, last, found = start - span, today + span, []
    while day <= last:
        if timely(day, offset, today) and start <= reminder_day(day, offset, calendar) <= today:
            found.append(day)
        day += timedelta(days=1)
    return found


def monthly_dues_in_window(start: date, today: date, offset: int, calendar) -> list[date]:
    """Return the 19ths (R-20.1) whose `offset` reminder falls in [start, today] and is still timely."""
    found = []
    for month_start in _months_around(today):
        due = month_start.replace(day=MONTHLY_DAY)
        if timely(due, offset, today) and start <= reminder_day(due, offset, calendar) <= today:
            found.append(due)
    return found


def _months_around(today: date):
    year, month = today.year, today.month
    for shift in (-1, 0, 1, 2):
        y, m = divmod(year * 12 + month - 1 + shift, 12)
        yield date(y, m + 1, 1)


def kind_for(offset: int) -> str:
    """Return the notification kind of a deadline reminder with this offset."""
    return "deadline_before" if offset < 0 else "deadline_day" if offset == 0 else "deadline_after"


def rule_code(anchor: str, offset: int) -> str:
    """Return the schedule line's code used in the unique key, e.g. 'deadline-3'."""
    return f"{anchor}{offset:+d}"


def dedup_key(anchor: str, offset: int, subject_ref: str, due: date) -> str:
    """Return the unique key of one reminder: (rule, subject, due date); the recipient is beside it."""
    return f"{rule_code(anchor, offset)}:{subject_ref}:{due.isoformat()}"


def task_text(offset: int, deadline: date, summary: str, number: str, secret: bool) -> str:
    """Return the words of a deadline reminder; a secret task gets SECRET_TEXT only (R-5.2)."""
    if secret:
        return SECRET_TEXT
    what = _short(summary) + (f" (văn bản số {number})" if number else "")
    if offset < 0:
        return f"Nhiệm vụ sắp đến hạn ngày {deadline:%d/%m/%Y}: {what}."
    if offset == 0:
        return f"Hôm nay là hạn thực hiện nhiệm vụ (hạn ngày {deadline:%d/%m/%Y}): {what}."
    return (
        f"Nhiệm vụ đã quá hạn ngày {deadline:%d/%m/%Y}: {what}. "
        "Đề nghị cập nhật kết quả thực hiện (điểm b khoản 3 Điều 6)."
    )


def monthly_text(due: date) -> str:
    """Return the words of the monthly update reminder (R-20.1)."""
    return (
        f"Đề nghị đơn vị cập nhật tình hình thực hiện nhiệm vụ trên phần mềm và báo cáo "
        f"trước ngày {due:%d/%m/%Y} (khoản 1 Điều 20 của Quy định)."
    )


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "…"


def mail_subject(kind: str, secret: bool) -> str:
    """Return the subject line of a notification's e-mail (generic for a secret one, R-5.2)."""
    if secret:
        return SECRET_SUBJECT
    return f"[Nhắc việc] {KIND_LABELS.get(kind, KIND_LABELS['info'])}"


def mail_body(text: str, url: str, secret: bool) -> str:
    """Return the plain-text body: the message and the link; a secret one is SECRET_TEXT only (R-5.2)."""
    if secret:
        return SECRET_TEXT + "\n"
    lines = [text, ""]
    if url:
        lines += [f"Xem chi tiết: {url}", ""]
    return "\n".join([*lines, "--", MAIL_FOOTER]) + "\n"


def parse_days(raw: str, *, allow_zero: bool = False) -> list[int]:
    """Read "3, 1" into [1, 3]; raise ValueError with a Vietnamese message on anything else."""
    values = set()
    for part in (raw or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not (part.isascii() and part.isdigit()):
            raise ValueError(f"“{part[:20]}” không phải số ngày làm việc (nhập các số, cách nhau bởi dấu phẩy).")
        value = int(part)
        if value > MAX_OFFSET or (value == 0 and not allow_zero):
            low = 0 if allow_zero else 1
            raise ValueError(f"Số ngày làm việc phải từ {low} đến {MAX_OFFSET}.")
        values.add(value)
    return sorted(values)


def schedule_offsets(before: list[int], on_day: bool, after: list[int]) -> list[int]:
    """Return the deadline offsets of a schedule given as days before, on the day, days after."""
    return sorted({-d for d in before} | ({0} if on_day else set()) | set(after))


def task_recipients(lead_staff, monitor_officer, monitor_trackers, secret: bool) -> list:
    """Return who hears of a task's deadline, once each (docs/notifications.md "Who is reminded").

    The lead unit's head and officers (they answer for it, R-7.2c, R-22.2) and the Office's
    monitoring officer named on the task, or, when none is named, the tracking officers of the
    monitoring unit (R-10: the Office urges lead units). A secret task reaches only people
    with clearance (R-5.2). People are objects with `id` and `clearance`.
    """
    office = [monitor_officer] if monitor_officer is not None else list(monitor_trackers)
    chosen = {}
    for person in [*lead_staff, *office]:
        if person is not None and (not secret or person.clearance):
            chosen.setdefault(person.id, person)
    return list(chosen.values())
