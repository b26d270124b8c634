"""The audit log cannot be rewritten quietly (R-7, R-21): each entry carries the previous one's hash.

Tampering is simulated the only way left: drop the append-only trigger, then edit or delete
rows. `flask --app app audit verify` and the verification page name the first broken entry.
"""

import json
import os
import threading

import pytest

from inspection import audit, audit_chain, create_app
from inspection.accounts import operations as accounts
from inspection.db import db, is_postgres, migrate
from tests.conftest import _config, _reset_postgres


def _drop_trigger(op):
    on = " ON audit_entry" if is_postgres() else ""
    db.execute_sql(f"DROP TRIGGER audit_entry_no_{op}{on}")


def _entries(n, prefix="Phòng thử chuỗi"):
    for i in range(n):
        accounts.save_unit(None, None, name=f"{prefix} {i}")
    return list(audit.AuditEntry.select().order_by(audit.AuditEntry.id))


def test_every_entry_carries_the_previous_hash_and_verify_says_ok(app):
    entries = _entries(4)
    assert entries[0].prev_hash == audit_chain.GENESIS
    assert [e.prev_hash for e in entries[1:]] == [e.entry_hash for e in entries[:-1]]
    report = audit_chain.verify()
    assert report.ok and report.count == 4
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 0 and "4 mục" in result.output


def test_an_edited_entry_is_named_by_verify(app):
    entries = _entries(5)
    _drop_trigger("update")
    audit.AuditEntry.update(after=json.dumps({"name": "Phòng đã sửa"})).where(
        audit.AuditEntry.id == entries[2].id
    ).execute()
    report = audit_chain.verify()
    assert not report.ok and report.broken_id == entries[2].id and report.count == 2
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"mục số {entries[2].id}" in result.output and "bị sửa" in result.output
    assert entries[2].at.strftime("%d/%m/%Y %H:%M:%S") in result.output


def test_a_deleted_entry_breaks_the_link_of_the_next_one(app):
    entries = _entries(5)
    _drop_trigger("delete")
    audit.AuditEntry.delete().where(audit.AuditEntry.id == entries[1].id).execute()
    report = audit_chain.verify()
    assert not report.ok and report.broken_id == entries[2].id


def test_entries_cut_from_the_end_show_against_the_last_verification(app):
    entries = _entries(3)
    assert audit_chain.run_verification("quantri").ok
    _drop_trigger("delete")
    audit.AuditEntry.delete().where(audit.AuditEntry.id == entries[-1].id).execute()
    report = audit_chain.run_verification("quantri")
    assert not report.ok and report.broken_id == entries[-1].id
    assert audit_chain.last_verification().ok is False


def test_bulk_inserted_entries_are_chained_too(app):
    from inspection.register import import_ops

    _entries(2)
    with db.atomic():
        import_ops._audit(None, "task", {101: {"summary": "Nhập từ bảng tính"}, 102: {"summary": "Dòng 2"}})
    _entries(1, prefix="Phòng sau khi nhập")
    report = audit_chain.verify()
    assert report.ok and report.count == 5


def test_concurrent_writers_never_fork_the_chain(app):
    """Two writers reading the same last hash would fork the chain; the write lock prevents it."""
    errors = []

    def writer(n):
        try:
            with db.connection_context():
                for i in range(12):
                    accounts.save_unit(None, None, name=f"Phòng đồng thời {n}-{i}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    if not db.is_closed():
        db.close()
    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    report = audit_chain.verify()
    assert report.ok and report.count == 48
    hashes = [e.prev_hash for e in audit.AuditEntry.select()]
    assert len(hashes) == len(set(hashes))  # no two entries chained onto the same one


@pytest.fixture
def before_0008(tmp_path):
    """An app whose database stops just before migration 0008 (the chain)."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url and url.startswith("postgres"):
        _reset_postgres(url)
    else:
        url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    app = create_app(_config(url, tmp_path / "archive"))
    with app.app_context():
        from playhouse.migrations import Runner

        from inspection.db import MIGRATIONS_DIR

        names = [m.name for m in Runner(db.obj, directory=str(MIGRATIONS_DIR)).migrations()]
        migrate(names[names.index("0008_audit_chain") - 1])
        yield app
    if not db.is_closed():
        db.close()


def _old_entry(table, record_id, after):
    """Insert an entry the way the code before 0008 wrote it (no chain columns)."""
    db.execute_sql(
        'INSERT INTO audit_entry ("at", username, action, "table", record_id, after) VALUES '
        f"({db.param}, {db.param}, {db.param}, {db.param}, {db.param}, {db.param})",
        ("2026-11-20 08:00:00.123456", "theodoi", "create", table, record_id, json.dumps(after, ensure_ascii=False)),
    )


@pytest.mark.db
def test_R_5_2_migration_chains_old_entries_and_scrubs_secret_values(before_0008):
    from inspection.accounts.models import Unit
    from inspection.register.models import DirectiveDocument, ProgressUpdate, Task

    with db.connection_context():
        unit = Unit.create(name="Phòng cũ")
        doc = DirectiveDocument.create(number_symbol="9/MẬT", issuer_kind="ubnd_tinh", secret_level="mat")
        task = Task.create(document=doc, summary="", lead_unit=unit, is_secret=True)
        update = ProgressUpdate.create(task=task, unit=unit, on_date="2026-11-20", text="Tiến độ mật cũ")
        _old_entry("unit", unit.id, {"name": "Phòng cũ"})
        _old_entry("secret_task", task.id, {"deadline": "2027-03-17", "lead_unit": unit.id})
        _old_entry("progress_update", update.id, {"text": "Tiến độ mật cũ", "task": task.id})
    migrate()
    with db.connection_context():
        ordinary, secret_task, progress = audit.AuditEntry.select().order_by(audit.AuditEntry.id)
        assert json.loads(ordinary.after) == {"name": "Phòng cũ"} and not ordinary.secret
        assert secret_task.secret and json.loads(secret_task.after) == {"deadline": None, "lead_unit": None}
        assert progress.secret and progress.table == "secret_progress_update"
        assert "Tiến độ mật cũ" not in progress.after
        report = audit_chain.verify()
        assert report.ok and report.count == 3
        accounts.save_unit(None, None, name="Phòng mới")
        assert audit_chain.verify().count == 4
        with pytest.raises(Exception, match="append-only"), db.atomic():
            audit.AuditEntry.update(after="{}").where(audit.AuditEntry.id == ordinary.id).execute()


@pytest.mark.parametrize("role", ["admin", "archivist"])
def test_the_administrator_and_the_archivist_see_and_run_the_verification(app, client, login, make_user, role):
    user = make_user(roles=[role])
    entries = _entries(3)
    login(client, user.username)
    assert "Chưa kiểm tra lần nào" in client.get("/admin/audit/verify").get_data(as_text=True)
    response = client.post("/admin/audit/verify")
    assert response.status_code == 302
    html = client.get("/admin/audit/verify").get_data(as_text=True)
    count = audit.AuditEntry.select().count()  # the 3 units, the account just made (and its unit)
    assert f"Chuỗi nhật ký nguyên vẹn: {count} mục" in html
    _drop_trigger("update")
    audit.AuditEntry.update(username="ke_gian").where(audit.AuditEntry.id == entries[1].id).execute()
    client.post("/admin/audit/verify")
    html = client.get("/admin/audit/verify").get_data(as_text=True)
    assert f"bị phá vỡ tại mục số {entries[1].id}" in html and user.username in html
