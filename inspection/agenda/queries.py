"""What the statutory calendar shows a viewer: dates from the regulation and from the real data.

Tasks come from the registers the viewer may open (units: their own tasks; the secret register
only with clearance, R-5.2), inspection reports from the cases the viewer follows in full,
reminders from the notifications schedule. `for_feed` leaves secret tasks out altogether: the
feed is read by calendar services outside the Department (docs/agenda.md).
"""

from datetime import timedelta

from flask import url_for

from inspection.accounts.models import User
from inspection.accounts.policy import can
from inspection.agenda import rules
from inspection.agenda.models import FeedToken
from inspection.cases import rules as case_rules
from inspection.cases.queries import visible_cases
from inspection.notifications import queries as reminders
from inspection.notifications.rules import DEADLINE, MAX_OFFSET, MONTHLY
from inspection.register.models import DirectiveDocument, Task
from inspection.register.queries import open_condition, scope_condition
from inspection.text import nfc

SUMMARY_CHARS = 120
REMINDER_SPAN = timedelta(days=3 * MAX_OFFSET + 21)  # MAX_OFFSET working days, Tết included


def entries(user, start, end, calendar, for_feed=False) -> list[rules.Entry]:
    """Return every dated line `user` may see in [start, end], ordered by day."""
    found = rules.monthly_entries(start, end, calendar) + rules.half_year_entries(start, end, calendar)
    schedule = reminders.schedule()
    found += _tasks(user, start, end, calendar, schedule, for_feed)
    found += _monthly_reminders(user, start, end, calendar, schedule[MONTHLY])
    found += _case_reports(user, start, end)
    return rules.ordered(found)


def _short(text):
    text = " ".join(nfc(text or "").split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def _visible_tasks(user, first, last, for_feed):
    """(id, summary, deadline, secret, number) of open tasks the viewer may see, due in [first, last]."""
    kinds = []
    if can(user, "register.view"):
        kinds.append(False)
    if not for_feed and can(user, "register.secret.view"):
        kinds.append(True)
    for secret in kinds:
        query = (
            Task.select(Task.id, Task.summary, Task.deadline, Task.is_secret, DirectiveDocument.number_symbol)
            .join(DirectiveDocument)
            .where(scope_condition(user, secret) & open_condition() & Task.deadline.between(first, last))
            .order_by(Task.deadline, Task.id)
            .tuples()
        )
        yield from query


def _tasks(user, start, end, calendar, schedule, for_feed):
    found = []
    for task_id, summary, deadline, secret, number in _visible_tasks(
        user, start - REMINDER_SPAN, end + REMINDER_SPAN, for_feed
    ):
        if secret:  # no content, and the secret register's list rather than the task
            title, detail, link = rules.SECRET_TITLE, "", url_for("register.list_secret_tasks")
        else:
            title, link = _short(summary), url_for("register.show_task", task_id=task_id)
            detail = f"Văn bản số {number}" if number else ""
        if start <= deadline <= end:
            found.append(rules.Entry(deadline, rules.TASK, title, detail, link, f"task-{task_id}", secret))
        for day in rules.reminder_days(deadline, schedule[DEADLINE], calendar):
            if start <= day <= end and day != deadline:  # on the day itself the deadline line says it
                what = f"Nhắc hạn ngày {deadline:%d/%m/%Y}: {title}"
                uid = f"reminder-{task_id}-{day:%Y%m%d}"
                found.append(rules.Entry(day, rules.REMINDER, what, detail, link, uid, secret))
    return found


def _monthly_reminders(user, start, end, calendar, offsets):
    """The monthly update reminders (R-20.1): for the unit staff who get them and the Office."""
    if not offsets or not (user.is_office or user.has_role(*reminders.UNIT_STAFF)):
        return []
    found = []
    for due in rules.monthly_dues(start - REMINDER_SPAN, end + REMINDER_SPAN):
        for day in rules.reminder_days(due, offsets, calendar):
            if start <= day <= end:
                what = f"Nhắc đơn vị cập nhật nhiệm vụ trước ngày {due:%d/%m/%Y} (khoản 1 Điều 20)"
                found.append(rules.Entry(day, rules.REMINDER, what, "", "", f"monthly-reminder-{day:%Y%m%d}", False))
    return found


def _case_reports(user, start, end):
    """Report deadlines (R-16.2) of the unreported cases the viewer follows in full."""
    if not can(user, "cases.view"):
        return []
    found = []
    for case, mode in visible_cases(user):
        due = case.report_due_on
        planned = case.state == case_rules.DRAFT  # no decision yet: its dates may still change
        if mode == "full" and not planned and due and case.reported_on is None and start <= due <= end:
            detail = "5 ngày làm việc sau khi kết thúc kiểm tra (khoản 2 Điều 16)"
            link = url_for("cases.show_case", case_id=case.id)
            found.append(
                rules.Entry(due, rules.CASE_REPORT, _short(case.title), detail, link, f"case-{case.id}", False)
            )
    return found


def page_data(user, today, calendar, days, kind):
    """The calendar page: the span's lines (one kind or all), the choices, the feed's state."""
    start, end = rules.window(today, days)
    lines = entries(user, start, end, calendar)
    if kind in rules.KIND_LABELS:
        lines = [e for e in lines if e.kind == kind]
    token = FeedToken.get_or_none(FeedToken.user == user.id)
    return {
        "entries": lines,
        "start": start,
        "end": end,
        "days": end.toordinal() - start.toordinal(),
        "kind": kind if kind in rules.KIND_LABELS else "",
        "kind_labels": rules.KIND_LABELS,
        "windows": rules.WINDOWS,
        "feed_created_at": token.created_at if token else None,
    }


def feed_owner(token: str):
    """The active user whose feed token this is, or None (unknown, revoked, deactivated)."""
    if not token or len(token) > 100:
        return None
    row = (
        FeedToken.select(FeedToken, User)
        .join(User)
        .where((FeedToken.token_hash == rules.token_hash(token)) & (User.active == True))  # noqa: E712
        .first()
    )
    return row.user if row else None
