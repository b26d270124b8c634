"""The inbox, the bell and the Office's schedule page through the test client."""

from datetime import date

from inspection.notifications import operations, queries
from inspection.notifications.models import Notification, ReminderOffset
from tests.notifications.conftest import CAL


def _bell(html):
    return 'id="notification-count"' in html


def test_bell_counts_unread_and_the_inbox_lists_them(app, client, login, people, make_task):
    task = make_task(date(2026, 11, 12))
    operations.run_reminders(date(2026, 11, 9), CAL)
    login(client, people["head"].username)
    home = client.get("/").get_data(as_text=True)
    assert '<span class="badge rounded-pill bg-danger" id="notification-count">1</span>' in home
    page = client.get("/notifications/").get_data(as_text=True)
    assert "sắp đến hạn ngày 12/11/2026" in page and "Sắp đến hạn" in page
    note = Notification.get(Notification.recipient == people["head"].id)
    answer = client.post(f"/notifications/{note.id}/open", data={"follow": "1"})
    assert answer.status_code == 302 and answer.headers["Location"] == f"/register/tasks/{task.id}"
    assert Notification.get_by_id(note.id).read_at is not None
    assert not _bell(client.get("/notifications/").get_data(as_text=True))


def test_someone_elses_message_is_not_found(app, client, login, people):
    operations.notify([people["officer"]], "info", "x", "Riêng", "/")
    note = Notification.get()
    login(client, people["outsider"].username)
    assert client.post(f"/notifications/{note.id}/open").status_code == 404
    assert "Riêng" not in client.get("/notifications/").get_data(as_text=True)
    assert Notification.get_by_id(note.id).read_at is None


def test_read_all(app, client, login, people):
    operations.notify([people["officer"]], "info", "a", "Một", "/")
    operations.notify([people["officer"]], "info", "b", "Hai", "/")
    login(client, people["officer"].username)
    answer = client.post("/notifications/read-all", follow_redirects=True)
    assert "Đã đánh dấu 2 thông báo là đã đọc." in answer.get_data(as_text=True)
    assert queries.unread_count(people["officer"]) == 0


def test_a_link_outside_the_application_is_not_followed(app, client, login, people):
    operations.notify([people["officer"]], "info", "a", "Một", "//evil.example/x")
    login(client, people["officer"].username)
    note = Notification.get()
    answer = client.post(f"/notifications/{note.id}/open", data={"follow": "1"})
    assert answer.headers["Location"] == "/notifications/"


def test_secret_messages_disappear_without_clearance_R_5_2(app, client, login, people):
    from inspection.accounts.models import User

    operations.notify([people["cleared_officer"]], "deadline_before", "task:9", "x", "/register/secret", secret=True)
    user = people["cleared_officer"]
    assert queries.unread_count(user) == 1
    User.update(clearance=False).where(User.id == user.id).execute()
    user = User.get_by_id(user.id)
    assert queries.unread_count(user) == 0
    login(client, user.username)
    assert "nhiệm vụ mật" not in client.get("/notifications/").get_data(as_text=True)


def test_office_changes_the_schedule(app, client, login, people):
    login(client, people["tracker"].username)
    page = client.get("/notifications/schedule").get_data(as_text=True)
    assert 'value="3"' in page and "checked" in page
    answer = client.post("/notifications/schedule", data={"before": "5, 2", "after": "1, 3", "monthly": "0"})
    assert answer.status_code == 302
    assert queries.schedule() == {"deadline": [-5, -2, 1, 3], "monthly": [0]}
    assert client.post("/notifications/schedule", data={"before": "", "after": "", "monthly": ""}).status_code == 302
    assert ReminderOffset.select().count() == 0


def test_bad_schedule_input_is_refused_beside_its_field_and_nothing_changes(app, client, login, people):
    login(client, people["tracker"].username)
    for bad in ("ba ngày", "11", "-2", "0", "9" * 40):
        answer = client.post(
            "/notifications/schedule", data={"before": bad, "on_day": "y", "after": "1", "monthly": "3"}
        )
        assert answer.status_code == 400
        assert "ngày làm việc" in answer.get_data(as_text=True)
    assert queries.schedule() == {"deadline": [-3, 0, 1], "monthly": [-3]}


def test_unit_staff_may_not_change_the_schedule(app, client, login, people):
    login(client, people["officer"].username)
    assert client.post("/notifications/schedule", data={"before": "1"}).status_code == 403
    assert queries.schedule()["deadline"] == [-3, 0, 1]


def test_the_bell_is_one_count_on_the_index(app, people):
    """The bell is on every page: SQLite answers it from the (recipient, read_at, is_secret) index alone."""
    import pytest

    from inspection.db import db, is_postgres

    if is_postgres():
        pytest.skip("query plan text is SQLite's")
    query = queries.Notification.select(queries.fn.COUNT(Notification.id)).where(
        queries._visible(people["officer"]) & Notification.read_at.is_null()
    )
    sql, params = query.sql()
    plan = " ".join(str(row[-1]) for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())
    assert "COVERING INDEX notification_recipient_id_read_at_is_secret" in plan, plan
