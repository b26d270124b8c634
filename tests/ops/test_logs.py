"""Structured request log: one JSON line per request, never secret content (R-5.2)."""

import datetime
import json
import logging

import pytest

from inspection import logs, settings
from inspection.register import operations
from inspection.workdays import WorkCalendar

TODAY = datetime.date(2026, 11, 27)
SECRET_WORDS = ("Trích yếu tuyệt mật Zeta", "Nội dung mật Omega", "Tiến độ mật Sigma", "sigma")


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture
def log_lines(app):
    handler = _Collect()
    logs.logger.addHandler(handler)
    yield handler.lines
    logs.logger.removeHandler(handler)


@pytest.fixture
def secret_task(app, make_unit, make_user):
    app.config["TODAY"] = TODAY.isoformat()
    unit = make_unit(name="Văn phòng Sở", abbreviation="VP", kind="van_phong")
    user = make_user(roles=["tracking_officer"], username="baomat", unit=unit, clearance=True)
    # Secret content may be typed only on an offline installation.
    settings.set_value("installation.offline", True, user)
    doc = dict(
        number_symbol="07/QĐ-MẬT",
        doc_type="quyet_dinh",
        issuer_kind="ubnd_tinh",
        issuer_name="",
        signer="Nguyễn Văn A",
        issued_on=datetime.date(2026, 11, 20),
        received_on=datetime.date(2026, 11, 23),
        channel="eoffice",
        abstract=SECRET_WORDS[0],
        secret_level="mat",
        is_complex=False,
    )
    tasks = [dict(summary=SECRET_WORDS[1], lead_unit=unit, deadline=datetime.date(2026, 12, 15))]
    _, (task,) = operations.register_document(user, doc, tasks, WorkCalendar(), on=TODAY)
    return task


def test_one_json_line_per_request_with_user_route_status_duration(client, login, make_user, log_lines):
    make_user(username="nguoidung")
    login(client, "nguoidung")
    log_lines.clear()
    response = client.get("/register/tasks?q=ha+tang", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    (line,) = log_lines
    entry = json.loads(line)
    assert entry["username"] == "nguoidung" and isinstance(entry["user_id"], int)
    assert entry["method"] == "GET" and entry["route"] == "/register/tasks" and entry["status"] == 200
    assert entry["duration_ms"] >= 0 and entry["request_id"] == "abc-123"
    assert "ha tang" not in line and "q=" not in line  # search words stay out of the log
    datetime.datetime.fromisoformat(entry["time"])


def test_anonymous_and_unknown_routes_are_logged_and_bad_request_ids_replaced(client, log_lines):
    client.get("/khong-co-trang-nay", headers={"X-Request-ID": "bad id; with <script>"})
    entry = json.loads(log_lines[-1])
    assert entry["status"] == 404 and entry["route"] is None and entry["user_id"] is None
    assert len(entry["request_id"]) == 32 and "script" not in log_lines[-1]


def test_R_5_2_requests_on_a_secret_task_log_no_secret_content(client, login, secret_task, log_lines):
    login(client, "baomat")
    task_id = secret_task.id
    assert client.get(f"/register/tasks/{task_id}").status_code == 200
    response = client.post(
        f"/register/tasks/{task_id}/progress", data={"on_date": "26/11/2026", "text": SECRET_WORDS[2]}
    )
    assert response.status_code == 302
    client.get("/register/secret?q=" + SECRET_WORDS[3])
    assert len(log_lines) >= 4  # login, task page, progress, search
    text = "\n".join(log_lines)
    for word in (*SECRET_WORDS, "07/QĐ-MẬT", "MẬT", "Omega"):
        assert word.lower() not in text.lower(), word
    routes = {json.loads(line)["route"] for line in log_lines}
    assert "/register/tasks/<int:task_id>/progress" in routes
