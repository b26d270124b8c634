"""R-5.2: the secret register — separate, cleared users only, reference data only, never leaks."""

import datetime
import json

import pytest

from inspection import settings
from inspection.audit import AuditEntry
from inspection.errors import ValidationFailed
from inspection.register import queries
from inspection.register.models import Task
from tests.register.conftest import CAL, TODAY

D = datetime.date
SECRET_NUMBER = "07/QĐ-MẬT"


@pytest.fixture
def secret_task(register_doc, units, users):
    _, (task,) = register_doc(
        number_symbol=SECRET_NUMBER,
        secret_level="mat",
        abstract="",
        tasks=[dict(summary="", lead_unit=units["kl"], deadline=D(2026, 12, 1))],
        user=users["secret_tracker"],
    )
    return task


@pytest.fixture
def ordinary_task(register_doc, units):
    return register_doc(tasks=[dict(summary="Kiểm tra hạ tầng rừng", lead_unit=units["kl"], deadline=D(2026, 12, 1))])[
        1
    ][0]


def test_R_5_2_secret_content_is_refused_on_a_connected_installation(register_doc, units, users):
    with pytest.raises(ValidationFailed) as err:
        register_doc(
            secret_level="mat",
            abstract="Nội dung mật",
            user=users["secret_tracker"],
            tasks=[dict(summary="", lead_unit=units["kl"])],
        )
    assert "thông tin tham chiếu" in err.value.message
    with pytest.raises(ValidationFailed):
        register_doc(
            secret_level="toi_mat",
            abstract="",
            user=users["secret_tracker"],
            tasks=[dict(summary="Nội dung nhiệm vụ mật", lead_unit=units["kl"])],
        )
    assert Task.select().count() == 0


def test_R_5_2_secret_content_allowed_when_installation_is_offline(register_doc, units, users):
    settings.set_value("installation.offline", True, users["secret_tracker"])
    _, (task,) = register_doc(
        secret_level="mat",
        abstract="Trích yếu mật",
        user=users["secret_tracker"],
        tasks=[dict(summary="Nội dung mật", lead_unit=units["kl"])],
    )
    assert task.is_secret and task.summary == "Nội dung mật"
    assert task.search_text == ""  # never searchable


def test_R_5_2_secret_tasks_never_in_ordinary_lists_counts_or_search(secret_task, ordinary_task, users):
    for user in (users["tracker"], users["secret_tracker"], users["director"], users["kl_officer"]):
        rows, total = queries.task_list(user, queries.Filters(), TODAY, CAL, 3)
        assert [t.id for t in rows] == [ordinary_task.id]
        counts = queries.status_counts(user, TODAY)
        assert sum(counts.values()) == 1
        rows, total = queries.task_list(user, queries.Filters(q="qd mat"), TODAY, CAL, 3)
        assert total == 0
    rows, total = queries.task_list(users["secret_tracker"], queries.Filters(), TODAY, CAL, 3, secret=True)
    assert [t.id for t in rows] == [secret_task.id]


def test_R_5_2_secret_history_holds_reference_fields_only(secret_task):
    entries = list(AuditEntry.select().where(AuditEntry.table.startswith("secret_")))
    assert {e.table for e in entries} == {"secret_directive_document", "secret_task"}
    for e in entries:
        assert SECRET_NUMBER not in (e.after or "")
        assert set(json.loads(e.after)) <= {
            "id",
            "version",
            "secret_level",
            "issued_on",
            "received_on",
            "deadline",
            "is_completed",
            "completed_on",
            "returned_on",
            "lead_unit",
        }
    assert not AuditEntry.select().where(AuditEntry.table.in_(["task", "directive_document"])).exists()


def test_R_5_2_secret_pages_need_clearance(app, client, login, secret_task, ordinary_task, users):
    login(client, "theodoi")
    assert client.get("/register/secret").status_code == 403
    assert client.get(f"/register/tasks/{secret_task.id}").status_code == 403
    assert client.get(f"/register/documents/{secret_task.document_id}").status_code == 403
    assert client.get("/register/documents/new?secret=1").status_code == 403
    body = client.get("/register/tasks").get_data(as_text=True)
    assert SECRET_NUMBER not in body
    home = client.get("/").get_data(as_text=True)
    assert "Sổ mật" not in home


def test_R_5_2_cleared_user_sees_the_secret_register_apart(app, client, login, secret_task, ordinary_task):
    login(client, "baomat")
    body = client.get("/register/secret").get_data(as_text=True)
    assert SECRET_NUMBER in body and "hạ tầng rừng" not in body
    assert SECRET_NUMBER not in client.get("/register/tasks").get_data(as_text=True)
    assert SECRET_NUMBER not in client.get("/register/tasks?q=mat").get_data(as_text=True)
    assert client.get(f"/register/tasks/{secret_task.id}").status_code == 200
    home = client.get("/").get_data(as_text=True)
    assert "Sổ mật</a>: 1 nhiệm vụ" in home


def test_R_5_2_no_progress_content_on_secret_tasks_when_connected(secret_task, users, units):
    from inspection.register import operations

    with pytest.raises(ValidationFailed):
        operations.record_progress(users["secret_tracker"], secret_task, units["kl"], TODAY, "Nội dung")


def test_R_5_2_secret_tasks_never_in_the_exported_sheet_even_for_cleared_users(
    app, client, login, secret_task, ordinary_task
):
    import io

    from openpyxl import load_workbook

    login(client, "baomat")
    r = client.get("/register/excel/export.xlsx")
    assert r.status_code == 200
    cells = [
        str(c)
        for ws in load_workbook(io.BytesIO(r.data)).worksheets
        for row in ws.iter_rows(values_only=True)
        for c in row
        if c is not None
    ]
    text = "\n".join(cells)
    assert "Kiểm tra hạ tầng rừng" in text
    assert SECRET_NUMBER not in text


def test_R_5_2_cleared_unit_officer_sees_only_his_units_secret_tasks(app, make_user, register_doc, units, users):
    _, (mine,) = register_doc(
        number_symbol="1/M",
        secret_level="mat",
        abstract="",
        user=users["secret_tracker"],
        tasks=[dict(summary="", lead_unit=units["kl"])],
    )
    register_doc(
        number_symbol="2/M",
        secret_level="mat",
        abstract="",
        user=users["secret_tracker"],
        tasks=[dict(summary="", lead_unit=units["tl"])],
    )
    officer = make_user(roles=["unit_officer"], unit=units["kl"], clearance=True)
    rows, total = queries.task_list(officer, queries.Filters(), TODAY, CAL, 3, secret=True)
    assert [t.id for t in rows] == [mine.id]


def test_R_5_2_home_counts_of_users_without_clearance_leave_secret_tasks_out(
    app, client, login, secret_task, ordinary_task
):
    from inspection.accounts.models import User
    from inspection.dashboard import widgets_for

    tracker = User.get(User.username == "theodoi")
    (ctx,) = [c for t, c in widgets_for(tracker) if t == "register/_widget.html"]
    assert ctx["total"] == 1 and ctx["secret_open"] is None
    cleared = User.get(User.username == "baomat")
    (ctx,) = [c for t, c in widgets_for(cleared) if t == "register/_widget.html"]
    assert ctx["total"] == 1 and ctx["secret_open"] == 1
    assert ctx["figures"]["dang_thuc_hien_trong_han"] == 1
