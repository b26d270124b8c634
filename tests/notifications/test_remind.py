"""The reminder run against a real database: who gets what, once, across Tết and a swapped Saturday."""

import threading
from datetime import date

from inspection.db import db
from inspection.notifications import operations, rules
from inspection.notifications.models import Notification
from tests.notifications.conftest import CAL


def _messages(**where):
    query = Notification.select().order_by(Notification.id)
    for name, value in where.items():
        query = query.where(getattr(Notification, name) == value)
    return list(query)


def test_three_days_before_goes_to_the_lead_unit_and_the_office_trackers_R_20_1(app, people, make_task):
    task = make_task(date(2026, 11, 12))
    result = operations.run_reminders(date(2026, 11, 9), CAL)
    got = {(n.recipient_id, n.kind) for n in _messages()}
    expected = {people[k].id for k in ("head", "officer", "cleared_officer", "tracker", "cleared_tracker")}
    assert got == {(uid, "deadline_before") for uid in expected}
    assert result.task_messages == 5
    note = _messages(recipient_id=people["head"].id)[0]
    assert note.link == f"/register/tasks/{task.id}" and "12/11/2026" in note.text
    assert note.mail_state == "pending" and note.mail_to == "truong@kl.example"


def test_named_monitoring_officer_replaces_the_office_trackers(app, people, make_task):
    make_task(date(2026, 11, 12), monitor_officer=people["tracker"])
    operations.run_reminders(date(2026, 11, 9), CAL)
    office = {n.recipient_id for n in _messages()} & {people["tracker"].id, people["cleared_tracker"].id}
    assert office == {people["tracker"].id}


def test_a_second_run_the_same_day_sends_nothing_twice(app, people, make_task):
    make_task(date(2026, 11, 12))
    first = operations.run_reminders(date(2026, 11, 9), CAL)
    second = operations.run_reminders(date(2026, 11, 9), CAL)
    assert first.task_messages == 5 and second.task_messages == 0
    assert Notification.select().count() == 5


def test_the_next_day_catches_up_but_does_not_repeat(app, people, make_task):
    make_task(date(2026, 11, 12))
    operations.run_reminders(date(2026, 11, 9), CAL)
    assert operations.run_reminders(date(2026, 11, 10), CAL).task_messages == 0


def test_completed_and_returned_tasks_are_not_reminded(app, people, make_task):
    make_task(date(2026, 11, 12), is_completed=True, completed_on=date(2026, 11, 2))
    make_task(date(2026, 11, 12), returned_on=date(2026, 11, 3))
    assert operations.run_reminders(date(2026, 11, 9), CAL).task_messages == 0


def test_across_tet_the_reminders_fall_on_working_days(app, people, make_task):
    """Deadline Wed 18 Feb 2026, in Tết: before on 11 Feb, "on the day" on Fri 13 Feb, after on Mon 23 Feb."""
    make_task(date(2026, 2, 18))
    sent_on = []
    for ordinal in range(date(2026, 2, 5).toordinal(), date(2026, 2, 28).toordinal()):
        day = date.fromordinal(ordinal)
        if operations.run_reminders(day, CAL).task_messages:
            sent_on.append(day)
    assert sent_on == [date(2026, 2, 11), date(2026, 2, 13), date(2026, 2, 23)]
    kinds = [n.kind for n in _messages(recipient_id=people["head"].id) if n.kind != "monthly_update"]
    assert kinds == ["deadline_before", "deadline_day", "deadline_after"]


def test_the_swapped_saturday_is_a_working_day_for_reminders(app, people, make_task):
    """Deadline Fri 9 Jan 2026: the first working day after it is Saturday 10 Jan (worked in exchange for 2 Jan)."""
    make_task(date(2026, 1, 9))
    assert operations.run_reminders(date(2026, 1, 10), CAL).task_messages == 5
    assert {n.kind for n in _messages()} == {"deadline_after"}
    assert operations.run_reminders(date(2026, 1, 12), CAL).task_messages == 0


def test_monthly_update_reminder_reaches_unit_staff_once_R_20_1(app, people):
    first = operations.run_reminders(date(2026, 1, 14), CAL)
    again = operations.run_reminders(date(2026, 1, 14), CAL)
    staff = {people[k].id for k in ("head", "officer", "cleared_officer", "outsider")}
    assert first.monthly_messages == 4 and again.monthly_messages == 0
    assert {n.recipient_id for n in _messages(kind="monthly_update")} == staff
    assert "19/01/2026" in _messages(kind="monthly_update")[0].text


def test_secret_task_reaches_only_cleared_people_with_the_fixed_sentence_R_5_2(app, people, make_task):
    task = make_task(date(2026, 11, 12), secret=True)
    result = operations.run_reminders(date(2026, 11, 9), CAL)
    notes = _messages()
    assert {n.recipient_id for n in notes} == {people["cleared_officer"].id, people["cleared_tracker"].id}
    for note in notes:
        assert note.text == rules.SECRET_TEXT and note.is_secret
        assert str(task.id) not in note.link and note.link == "/register/secret"
        assert task.document.number_symbol not in note.text
    assert result.task_messages == 0  # the run's figures do not count secret tasks


def test_overlapping_runs_write_each_reminder_once(app, people, make_task):
    """Two runs planned before either wrote (the overlap), then both write: the unique key lets one in."""
    make_task(date(2026, 11, 12))
    first_plan, _ = operations.plan_reminders(date(2026, 11, 9), CAL)
    second_plan, _ = operations.plan_reminders(date(2026, 11, 9), CAL)
    assert operations._insert(first_plan) == 5
    assert operations._insert(second_plan) == 0
    assert Notification.select().count() == 5


def test_concurrent_runs_in_two_threads_send_each_reminder_once(app, people, make_task):
    for _ in range(30):
        make_task(date(2026, 11, 12))
    db.close()  # each thread opens its own connection to the same database
    barrier, results, errors = threading.Barrier(2), [], []

    def run():
        try:
            with app.app_context(), db.connection_context():
                barrier.wait()
                results.append(operations.run_reminders(date(2026, 11, 9), CAL).task_messages)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results)[1] + sorted(results)[0] == 150
    with db.connection_context():
        assert Notification.select().count() == 150


def test_notify_is_the_api_for_other_parts(app, people):
    from inspection.accounts.models import User

    new = operations.notify([people["head"], people["officer"].id], "urging", "task:1", "Đề nghị báo cáo.", "/x")
    assert new == 2
    User.update(active=False).where(User.id == people["officer"].id).execute()
    assert operations.notify([people["officer"]], "urging", "task:1", "Lần hai.", "/x") == 0
    secret = operations.notify(
        [people["head"], people["cleared_tracker"]], "urging", "task:2", "Lộ nội dung", "/y", secret=True
    )
    note = _messages(subject_ref="task:2")[0]
    assert secret == 1 and (note.text, note.link) == (rules.SECRET_TEXT, "/register/secret")
    again = operations.notify([people["head"]], "info", "x", "Một lần", "/", dedup_key="k1")
    assert again == 1 and operations.notify([people["head"]], "info", "x", "Một lần", "/", dedup_key="k1") == 0
