"""Lịch công tác and its iCalendar feed on the demo data (R-20, R-16.2, R-5.2)."""

import re

import pytest
from icalendar import Calendar

from inspection.accounts.models import User
from inspection.accounts.policy import can
from inspection.agenda.models import FeedToken
from inspection.audit import AuditEntry
from inspection.register.models import Task

FEED = re.compile(r"http://localhost(/agenda/[A-Za-z0-9_-]+\.ics)")


@pytest.fixture
def client(app, demo):
    return app.test_client()


def _feed_path(client, login, username):
    login(client, username)
    answer = client.post("/agenda/feed", follow_redirects=True)
    assert answer.status_code == 200
    return FEED.search(answer.get_data(as_text=True)).group(1)


def _events(body):
    cal = Calendar.from_ical(body)
    return list(cal.walk("VEVENT"))


def test_r20_the_page_lists_the_statutory_dates(client, login):
    login(client, "canbodonvi")
    assert 'id="agenda-link" href="/agenda"' in client.get("/").get_data(as_text=True)  # the user menu
    page = client.get("/agenda?days=90").get_data(as_text=True)
    assert "Thứ Sáu, 18/12/2026" in page  # the 19th is a Saturday
    assert "10/12/2026" in page and "khoản 2 Điều 20" in page
    only = client.get("/agenda?days=90&kind=half_year").get_data(as_text=True)
    assert 'data-kind="half_year"' in only and 'data-kind="monthly"' not in only


def test_unit_staff_see_only_their_units_tasks(client, login):
    login(client, "canbodonvi")
    me = User.get(User.username == "canbodonvi")
    page = client.get("/agenda?days=90&kind=task").get_data(as_text=True)
    shown = {int(i) for i in re.findall(r"/register/tasks/(\d+)", page)}
    assert shown
    for task in Task.select().where(Task.id.in_(shown)):
        assert can(me, "register.view", task) and not task.is_secret
    login(client, "theodoi")  # the Office sees every unit's tasks
    office = client.get("/agenda?days=90&kind=task").get_data(as_text=True)
    assert shown < {int(i) for i in re.findall(r"/register/tasks/(\d+)", office)}


def test_r16_2_the_report_deadline_of_an_unreported_case(client, login):
    login(client, "chanhvanphong")
    page = client.get("/agenda?kind=case_report").get_data(as_text=True)
    assert "11/12/2026" in page and "/cases/2" in page
    assert "/cases/3" not in page  # a draft: no decision yet
    login(client, "canbodonvi2")
    assert "/cases/2" not in client.get("/agenda?kind=case_report").get_data(as_text=True)


def test_r5_2_secret_tasks_only_as_a_bare_line_and_only_with_clearance(client, login):
    secret_ids = [t.id for t in Task.select().where(Task.is_secret == True)]  # noqa: E712
    login(client, "baomat")
    page = client.get("/agenda?days=90&kind=task").get_data(as_text=True)
    assert "Nhiệm vụ mật" in page
    assert not any(f'/register/tasks/{i}"' in page for i in secret_ids)
    login(client, "theodoi")  # the same office, no clearance
    assert "Nhiệm vụ mật" not in client.get("/agenda?days=90").get_data(as_text=True)


def test_the_feed_is_valid_icalendar_and_matches_the_page(client, login):
    path = _feed_path(client, login, "canbodonvi")
    answer = client.application.test_client().get(path)  # no session: the token is the key
    assert answer.status_code == 200 and answer.mimetype == "text/calendar"
    events = _events(answer.data)
    assert all(e.get("uid") and e.get("dtstamp") and e.get("dtstart") for e in events)
    assert len({str(e["uid"]) for e in events}) == len(events)
    days = {e.decoded("dtstart").isoformat() for e in events if "khoản 1 Điều 20" in str(e["summary"])}
    assert "2026-12-18" in days


def test_r5_2_the_feed_never_carries_secret_tasks(client, login):
    secret = list(Task.select().where(Task.is_secret == True))  # noqa: E712
    path = _feed_path(client, login, "baomat")
    body = client.application.test_client().get(path).get_data(as_text=True)
    assert "mật" not in body.lower().replace("mật khẩu", "")
    for task in secret:
        assert f"task-{task.id}@" not in body and f"reminder-{task.id}-" not in body


def test_only_the_hash_is_kept_and_history_says_nothing_of_it(client, login):
    path = _feed_path(client, login, "truongdonvi")
    token = path.rsplit("/", 1)[1].removesuffix(".ics")
    row = FeedToken.get(FeedToken.user == User.get(User.username == "truongdonvi").id)
    assert row.token_hash != token and len(row.token_hash) == 64
    assert not any(token in (e.before or "") + (e.after or "") for e in AuditEntry.select())


def test_revoked_replaced_unknown_and_deactivated_feeds_answer_404(client, login):
    anonymous = client.application.test_client()
    first = _feed_path(client, login, "truongdonvi")
    second = client.post("/agenda/feed", follow_redirects=True).get_data(as_text=True)
    second = FEED.search(second).group(1)
    assert anonymous.get(first).status_code == 404  # a new address replaces the old one
    assert anonymous.get(second).status_code == 200
    assert anonymous.get("/agenda/khong-co-that.ics").status_code == 404
    User.update(active=False).where(User.username == "truongdonvi").execute()
    gone = anonymous.get(second)
    assert gone.status_code == 404 and b"truongdonvi" not in gone.data
    User.update(active=True).where(User.username == "truongdonvi").execute()
    assert client.post("/agenda/feed/revoke").status_code == 302
    assert anonymous.get(second).status_code == 404


def test_the_feed_is_rate_limited(app, client, login):
    app.config["AGENDA_FEED_RATE_LIMIT"] = "2 per minute"
    anonymous = app.test_client()
    answers = [anonymous.get("/agenda/unknown-token-for-limits.ics").status_code for _ in range(3)]
    assert answers == [404, 404, 429]


def test_bad_filters_fall_back_without_error(client, login):
    login(client, "giamdoc")
    for query in ("days=abc", "days=-5", "kind=%00x", "days=99999999999999999999"):
        assert client.get(f"/agenda?{query}").status_code == 200
