"""R-5.2: every history view, read by every role without clearance, shows nothing of a secret record.

The secret world holds a secret document and task, a progress update and its flag, a deadline
extension and a secret outgoing draft; each page is read as each role and searched for their
number, deadline, level, content, ids and entry counts. With clearance the entries appear.
"""

import json
import re

import pytest

from inspection import audit
from tests.security.conftest import SECRET_MARKERS

AUDIT_FILTERS = ("", "task", "secret_task", "progress_update", "secret_progress_update", "directive_document")


def _history_urls(world, people):
    urls = [
        f"/register/tasks/{world.task.id}",
        f"/register/documents/{world.doc.id}",
        f"/register/tasks/{world.ordinary_task.id}",
        f"/register/documents/{world.ordinary_doc.id}",
        f"/documents/{world.outgoing.id}",
        f"/admin/units/{world.unit.id}",
        f"/admin/users/{people.tracker.id}",
    ]
    urls += [f"/admin/audit?table={t}" for t in AUDIT_FILTERS]
    return urls + [f"/admin/audit?page={n}" for n in range(1, 4)]


def _leaks(html, world):
    found = [m for m in SECRET_MARKERS if m in html]
    for table, record_id in world.records:
        if re.search(rf"<td>(secret_)?{table}</td><td>{record_id}</td>", html):
            found.append(f"{table} #{record_id}")
    return found


@pytest.mark.parametrize("role", ["admin", "director", "chief_of_office", "tracking_officer", "archivist"])
def test_R_5_2_no_history_view_shows_a_secret_record_without_clearance(
    app, client, login, uncleared, cleared, secret_world, role
):
    login(client, uncleared[role].username)
    for url in _history_urls(secret_world, cleared):
        response = client.get(url)
        assert response.status_code in (200, 403, 404), url
        assert _leaks(response.get_data(as_text=True), secret_world) == [], f"{role} {url}"


def test_R_5_2_every_role_without_clearance_reads_no_secret_history(
    app, client, login, uncleared, cleared, secret_world
):
    for role, user in uncleared.items():
        client.post("/logout")
        login(client, user.username)
        for url in _history_urls(secret_world, cleared):
            assert _leaks(client.get(url).get_data(as_text=True), secret_world) == [], f"{role} {url}"


def test_R_5_2_the_change_log_counts_and_pages_only_what_the_reader_may_see(
    app, client, login, uncleared, cleared, secret_world
):
    visible = audit.AuditEntry.select().where(audit.AuditEntry.secret == False).count()  # noqa: E712
    login(client, uncleared["admin"].username)
    html = client.get("/admin/audit").get_data(as_text=True)
    assert f"({visible} bản ghi)" in html or f"{visible} bản ghi" in html
    assert audit.log_query(uncleared["admin"]).count() == visible
    assert audit.log_query(uncleared["admin"], "secret_task").count() == 0


def test_R_5_2_with_clearance_the_secret_history_is_there(app, client, login, cleared, secret_world):
    login(client, cleared.director.username)
    html = client.get("/admin/audit?table=secret_progress_update").get_data(as_text=True)
    assert f"<td>secret_progress_update</td><td>{secret_world.update.id}</td>" in html
    html = client.get("/admin/audit?table=secret_task").get_data(as_text=True)
    assert f"<td>secret_task</td><td>{secret_world.task.id}</td>" in html
    login(client, cleared.tracker.username)
    page = client.get(f"/register/tasks/{secret_world.task.id}").get_data(as_text=True)
    history = page[page.index('id="history"') :]
    assert "Mục mật: chỉ ghi tên trường đã thay đổi" in history and "Thời hạn" in history


def test_R_5_2_secret_entries_keep_the_names_of_changed_fields_never_values(secret_world):
    progress = audit.AuditEntry.select().where(
        (audit.AuditEntry.table == "secret_progress_update") & (audit.AuditEntry.record_id == secret_world.update.id)
    )
    assert [e.action for e in progress.order_by(audit.AuditEntry.id)] == ["create", "update"]  # the flag
    assert not audit.AuditEntry.select().where(audit.AuditEntry.table == "progress_update").exists()
    secret = list(audit.AuditEntry.select().where(audit.AuditEntry.secret == True))  # noqa: E712
    assert {e.table for e in secret} == {
        "secret_directive_document",
        "secret_task",
        "secret_progress_update",
        "secret_outgoing_document",
    }
    for e in secret:
        assert e.before is None and set(json.loads(e.after).values()) <= {None}
    for e in audit.AuditEntry.select():
        text = (e.before or "") + (e.after or "")
        assert [m for m in (*SECRET_MARKERS, "ZQW", "ZQU") if m in text] == [], e.table
