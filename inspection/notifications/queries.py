"""Reading for notifications: the schedule, the people to remind, due tasks, the inbox, the bell."""

from collections import defaultdict, namedtuple

from flask import current_app
from peewee import fn

from inspection.accounts import roles
from inspection.accounts.models import User
from inspection.notifications import rules
from inspection.notifications.models import Notification, ReminderOffset
from inspection.pagination import paginate
from inspection.register.models import DirectiveDocument, Task
from inspection.register.queries import open_condition

Person = namedtuple("Person", "id unit_id roles clearance email")
DueTask = namedtuple("DueTask", "id summary deadline lead_unit_id monitor_unit_id monitor_officer_id is_secret number")
UNIT_STAFF = frozenset({roles.UNIT_HEAD, roles.UNIT_OFFICER})


def schedule() -> dict[str, list[int]]:
    """The schedule as {anchor: sorted offsets}; an anchor without lines sends nothing."""
    lines = {anchor: [] for anchor in rules.ANCHORS}
    for anchor, offset in ReminderOffset.select(ReminderOffset.anchor, ReminderOffset.offset).tuples():
        lines.setdefault(anchor, []).append(offset)
    return {anchor: sorted(offsets) for anchor, offsets in lines.items()}


class People:
    """The active accounts, read once per run, indexed the ways reminders look them up."""

    def __init__(self):
        query = User.select(User.id, User.unit, User.roles, User.clearance, User.email).where(User.active == True)  # noqa: E712
        self.by_id = {}
        self.unit_staff = defaultdict(list)
        self.unit_trackers = defaultdict(list)
        for uid, unit_id, role_text, clearance, email in query.tuples():
            person = Person(uid, unit_id, frozenset(r for r in role_text.split(",") if r), bool(clearance), email)
            self.by_id[uid] = person
            if unit_id and person.roles & UNIT_STAFF:
                self.unit_staff[unit_id].append(person)
            if unit_id and roles.TRACKER in person.roles:
                self.unit_trackers[unit_id].append(person)

    def for_task(self, task: DueTask) -> list[Person]:
        """Who hears of this task's deadline (rules.task_recipients)."""
        return rules.task_recipients(
            self.unit_staff.get(task.lead_unit_id, ()),
            self.by_id.get(task.monitor_officer_id),
            self.unit_trackers.get(task.monitor_unit_id, ()) if task.monitor_unit_id else (),
            task.is_secret,
        )

    def unit_staff_all(self) -> list[Person]:
        """Every unit head and officer (the monthly update reminder, R-20.1)."""
        return [p for staff in self.unit_staff.values() for p in staff]


def due_tasks(deadlines):
    """Open tasks (neither completed nor returned) whose deadline is one of `deadlines`."""
    if not deadlines:
        return
    query = (
        Task.select(
            Task.id,
            Task.summary,
            Task.deadline,
            Task.lead_unit,
            Task.monitor_unit,
            Task.monitor_officer,
            Task.is_secret,
            DirectiveDocument.number_symbol,
        )
        .join(DirectiveDocument)
        .where(open_condition() & Task.deadline.in_(list(deadlines)))
        .order_by(Task.id)
        .tuples()
    )
    for row in query.iterator():
        yield DueTask(*row)


def link_path(endpoint, **values) -> str:
    """The path of a page, built without a request (the `remind` command has none)."""
    adapter = current_app.url_map.bind("localhost", script_name=current_app.config.get("APPLICATION_ROOT", "/"))
    return adapter.build(endpoint, values)


def _visible(user):
    """The user's own messages; secret ones only while the user holds clearance (R-5.2)."""
    cond = Notification.recipient == user.id
    if not user.clearance:
        cond &= Notification.is_secret == False  # noqa: E712
    return cond


def unread_count(user) -> int:
    """The bell's number: one COUNT on the (recipient, read_at, is_secret) index."""
    return (
        Notification.select(fn.COUNT(Notification.id)).where(_visible(user) & Notification.read_at.is_null()).scalar()
    )


def inbox_page(user, page_number, per_page=50):
    """The user's messages, newest first, one page."""
    query = Notification.select().where(_visible(user)).order_by(Notification.id.desc())
    return {"page": paginate(query, page_number, per_page), "kind_labels": rules.KIND_LABELS}


def own_notification(user, notification_id):
    """The user's message with this id, or None (someone else's is as good as absent)."""
    return Notification.get_or_none((Notification.id == notification_id) & _visible(user))


def outbox_counts() -> dict[str, int]:
    """How many e-mails are waiting, being sent, sent and failed; secret ones are not counted (R-5.2)."""
    counts = dict(
        Notification.select(Notification.mail_state, fn.COUNT(Notification.id))
        .where(Notification.is_secret == False)  # noqa: E712
        .group_by(Notification.mail_state)
        .tuples()
    )
    return {state: counts.get(state, 0) for state in ("pending", "sending", "sent", "failed")}
