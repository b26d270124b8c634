"""The feed's own guard for secret entries (R-5.2) and the planned reminders (the schedule's days)."""

from datetime import date, datetime

from icalendar import Calendar

from inspection.accounts.models import User
from inspection.agenda import ics, queries, rules
from inspection.notifications.queries import schedule
from inspection.notifications.rules import DEADLINE, reminder_day


def test_r5_2_a_secret_entry_handed_to_the_feed_is_dropped():
    entries = [
        rules.Entry(date(2026, 12, 1), rules.TASK, "Việc thường", "", "/register/tasks/1", "task-1", False),
        rules.Entry(date(2026, 12, 2), rules.TASK, rules.SECRET_TITLE, "", "/register/secret", "task-2", True),
    ]
    body = ics.feed_bytes(entries, "https://theodoi.example/", datetime(2026, 11, 29, 8, 0))
    events = Calendar.from_ical(body).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["task-1@theo-doi-don-doc.local"]
    assert str(events[0]["url"]) == "https://theodoi.example/register/tasks/1"
    assert b"task-2" not in body and "mật" not in body.decode()


def test_planned_reminders_fall_on_the_schedules_days(app, demo, cal):
    officer = User.get(User.username == "canbodonvi")
    start, end = date(2026, 11, 29), date(2027, 2, 27)
    with app.test_request_context():
        found = queries.entries(officer, start, end, cal)
    deadlines = {e.uid.removeprefix("task-"): e.day for e in found if e.kind == rules.TASK}
    reminders = {(e.uid.split("-")[1], e.day) for e in found if e.uid.startswith("reminder-")}
    assert deadlines
    for task_id, deadline in deadlines.items():
        for offset in schedule()[DEADLINE]:
            day = reminder_day(deadline, offset, cal)
            if start <= day <= end and day != deadline:
                assert (task_id, day) in reminders
