"""Every write of notifications: `notify`, the reminder run, reading, the schedule.

The public API other parts call is `notify(recipients, kind, subject_ref, text, link)`: each
recipient gets the message in the in-app inbox and, when the account has an e-mail address,
the same words queued in the outbox (`mail.deliver` sends it). A message and its e-mail are
one row written by one INSERT: neither exists without the other.
"""

import json
from dataclasses import dataclass, field

from inspection import audit, clock
from inspection.accounts.models import User
from inspection.db import db
from inspection.errors import ValidationFailed
from inspection.notifications import queries, rules
from inspection.notifications.models import MAIL_NONE, MAIL_PENDING, Notification, ReminderOffset

CHUNK = 200  # rows per INSERT: under SQLite's 999 bound parameters for older builds


def notify(recipients, kind, subject_ref, text, link, *, secret=False, dedup_key=None) -> int:
    """Put `text` in each recipient's inbox and queue its e-mail; return how many messages are new.

    `recipients`: users or user ids (inactive accounts are skipped). `subject_ref` names what
    the message is about ("task:12"); `link` is a path inside the application. A secret
    subject (R-5.2) reaches only people with clearance, says rules.SECRET_TEXT and links to the
    secret register, whatever `text` and `link` were. With a `dedup_key` a person gets the message once, however often it is sent.
    """
    if kind not in rules.KIND_LABELS:
        raise ValueError(f"unknown notification kind {kind!r}")
    ids = {getattr(r, "id", r) for r in recipients}
    people = User.select().where(User.id.in_(list(ids)) & (User.active == True)) if ids else []  # noqa: E712
    if secret:  # neither the words nor the address of the secret entry
        text, link = rules.SECRET_TEXT, queries.link_path("register.list_secret_tasks")
    rows = [_row(p, kind, subject_ref, text, link, secret, dedup_key) for p in people if not secret or p.clearance]
    return _insert(rows)


def _row(person, kind, subject_ref, text, link, secret, dedup_key):
    email = (person.email or "").strip()
    return {
        "recipient": person.id,
        "kind": kind,
        "subject_ref": subject_ref,
        "text": text,
        "link": link,
        "is_secret": bool(secret),
        "dedup_key": dedup_key,
        "created_at": clock.now(),
        "mail_state": MAIL_PENDING if email else MAIL_NONE,
        "mail_to": email,
    }


def _insert(rows) -> int:
    """Insert messages, skipping those already there (same key and recipient); return how many were new.

    INSERT ... ON CONFLICT DO NOTHING on the unique (dedup_key, recipient) index: two runs that
    overlap both try, the database lets one row in, and neither fails.
    """
    new = 0
    with db.atomic():
        for start in range(0, len(rows), CHUNK):
            query = Notification.insert_many(rows[start : start + CHUNK]).on_conflict_ignore().as_rowcount()
            new += query.execute()
    return new


@dataclass
class RunResult:
    """What a reminder run created; secret tasks are not counted (R-5.2: no figure reveals them)."""

    day: object
    task_messages: int = 0
    monthly_messages: int = 0
    plan: list = field(default_factory=list, repr=False)


def plan_reminders(today, calendar) -> tuple[list, list]:
    """Return the (ordinary, secret) message rows due on `today` under the schedule, not yet written."""
    schedule = queries.schedule()
    start = rules.window_start(today, calendar)
    people = queries.People()
    ordinary, secret = [], []
    for offset in schedule[rules.DEADLINE]:
        dues = rules.dues_in_window(start, today, offset, calendar)
        for task in queries.due_tasks(dues):
            (secret if task.is_secret else ordinary).extend(_task_rows(task, offset, people))
    for offset in schedule[rules.MONTHLY]:
        for due in rules.monthly_dues_in_window(start, today, offset, calendar):
            ordinary.extend(_monthly_rows(due, offset, people))
    return ordinary, secret


def _task_rows(task, offset, people):
    ref = f"task:{task.id}"
    key = rules.dedup_key(rules.DEADLINE, offset, ref, task.deadline)
    text = rules.task_text(offset, task.deadline, task.summary, task.number, task.is_secret)
    if task.is_secret:  # the secret register's list, never the task's own address
        link = queries.link_path("register.list_secret_tasks")
    else:
        link = queries.link_path("register.show_task", task_id=task.id)
    kind = rules.kind_for(offset)
    return [_row(p, kind, ref, text, link, task.is_secret, key) for p in people.for_task(task)]


def _monthly_rows(due, offset, people):
    ref = f"month:{due:%Y-%m}"
    key = rules.dedup_key(rules.MONTHLY, offset, ref, due)
    link = queries.link_path("register.list_tasks", mine="1")
    text = rules.monthly_text(due)
    return [_row(p, "monthly_update", ref, text, link, False, key) for p in people.unit_staff_all()]


def run_reminders(today, calendar) -> RunResult:
    """Create the reminders due on `today`; a second run the same day creates nothing (R-20.1 too)."""
    ordinary, secret = plan_reminders(today, calendar)
    result = RunResult(today)
    monthly = [r for r in ordinary if r["kind"] == "monthly_update"]
    tasks = [r for r in ordinary if r["kind"] != "monthly_update"]
    result.task_messages = _insert(tasks)
    result.monthly_messages = _insert(monthly)
    _insert(secret)
    return result


def mark_read(user, notification):
    """Mark one of the user's messages read (reading it again changes nothing)."""
    if notification.recipient_id != user.id:
        raise ValidationFailed("Thông báo không tồn tại.")
    if notification.read_at is None:
        with db.atomic():
            Notification.update(read_at=clock.now()).where(
                (Notification.id == notification.id) & Notification.read_at.is_null()
            ).execute()
    return notification


def mark_all_read(user) -> int:
    """Mark every unread message of the user read; return how many."""
    with db.atomic():
        cond = (Notification.recipient == user.id) & Notification.read_at.is_null()
        return Notification.update(read_at=clock.now()).where(cond).execute()


def save_schedule(user, deadline_offsets, monthly_offsets):
    """Replace the reminder schedule (the Office's settings page), in one transaction, audited."""
    for offset in [*deadline_offsets, *monthly_offsets]:
        if abs(offset) > rules.MAX_OFFSET:
            raise ValidationFailed(f"Số ngày làm việc phải từ 0 đến {rules.MAX_OFFSET}.")
    wanted = {(rules.DEADLINE, o) for o in deadline_offsets} | {(rules.MONTHLY, o) for o in monthly_offsets}
    with db.atomic():
        before = queries.schedule()
        ReminderOffset.delete().execute()
        if wanted:
            ReminderOffset.insert_many([{"anchor": a, "offset": o} for a, o in sorted(wanted)]).execute()
        after = queries.schedule()
        audit.append(
            user=getattr(user, "id", None),
            username=getattr(user, "username", "") or "",
            action="update",
            table="reminder_schedule",
            record_id=0,  # the schedule as a whole
            before=json.dumps(before),
            after=json.dumps(after),
        )
    return after
