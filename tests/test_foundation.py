"""Database, migrations, history, health check and error pages."""

import sqlite3

import pytest
from peewee import IntegrityError, OperationalError

from inspection import audit
from inspection.accounts.models import Unit
from inspection.db import MIGRATIONS_DIR, db, is_postgres, make_database
from inspection.text import fold, parse_vn_date, vn_date_long


@pytest.mark.db
def test_init_db_is_safe_to_run_twice(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["init-db"]).exit_code == 0
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0 and "mới nhất" in result.output


@pytest.mark.db
def test_upgrade_from_migration_1_keeps_rows(tmp_path):
    from playhouse.migrations import Runner

    database = make_database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    with database.connection_context():
        runner = Runner(database, directory=str(MIGRATIONS_DIR))
        runner.up("0001_foundation")
        database.execute_sql(
            "INSERT INTO unit (name, abbreviation, aliases, kind, active, sort_order) "
            "VALUES ('Chi cục Kiểm lâm', 'CCKL', '', 'chi_cuc', 1, 0)"
        )
        pending = runner.up()
        assert pending, "later migrations exist and apply"
        rows = database.execute_sql("SELECT name, abbreviation FROM unit").fetchall()
    assert rows == [("Chi cục Kiểm lâm", "CCKL")]


@pytest.mark.db
def test_audit_entries_cannot_be_changed_or_deleted(app, make_unit):
    unit = make_unit()  # through save_unit, which records its own entry
    entry = audit.record(None, "create", unit, None, audit.snapshot(unit))
    kept = audit.AuditEntry.select().count()
    with pytest.raises((IntegrityError, OperationalError, Exception)) as info, db.atomic():
        audit.AuditEntry.update(after="{}").where(audit.AuditEntry.id == entry.id).execute()
    assert "append-only" in str(info.value)
    with pytest.raises(Exception), db.atomic():
        audit.AuditEntry.delete().where(audit.AuditEntry.id == entry.id).execute()
    assert audit.AuditEntry.select().count() == kept
    assert audit.AuditEntry.get_by_id(entry.id).after == entry.after


@pytest.mark.sqlite_only
def test_sqlite_runs_in_wal_with_foreign_keys_and_immediate_transactions(app):
    assert not is_postgres()
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 10000
    assert db.obj._lock_type == "IMMEDIATE"


@pytest.mark.sqlite_only
def test_immediate_transaction_blocks_a_second_writer_up_front(app, tmp_path):
    assert not is_postgres()
    path = app.config["DATABASE_URL"][len("sqlite:///") :]
    with db.atomic():
        Unit.select().count()  # a read first: with a deferred BEGIN this would not hold the lock yet
        other = sqlite3.connect(path, timeout=0.1)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "reachable"}


def test_error_pages_are_vietnamese(client, make_user, login):
    make_user(username="u1")
    login(client, "u1")
    page = client.get("/khong-co-trang-nay").get_data(as_text=True)
    assert "Không tìm thấy trang" in page
    page = client.get("/admin/users").get_data(as_text=True)
    assert "Không có quyền truy cập" in page


def test_secret_key_is_generated_once_into_instance_folder(tmp_path, monkeypatch):
    from flask import Flask

    from inspection import config

    monkeypatch.delenv("SECRET_KEY", raising=False)
    flask_app = Flask("x", instance_path=str(tmp_path / "instance"))
    config.load(flask_app)
    first = flask_app.config["SECRET_KEY"]
    config.load(flask_app)
    assert first == flask_app.config["SECRET_KEY"] and len(first) == 64
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o077 == 0


def test_fold_ignores_diacritics_and_case():
    assert fold("Hạ TẦNG  Đô thị") == "ha tang do thi"


def test_decree_30_date_line():
    import datetime

    assert vn_date_long(datetime.date(2026, 1, 5), "Quảng Ngãi") == "Quảng Ngãi, ngày 05 tháng 01 năm 2026"
    assert vn_date_long(datetime.date(2026, 6, 15)) == "ngày 15 tháng 6 năm 2026"


def test_impossible_date_is_refused():
    with pytest.raises(ValueError):
        parse_vn_date("31/02/2026")


def test_unreachable_database_gives_a_clear_answer_not_a_trace(tmp_path):
    from inspection import create_app

    broken = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "ARCHIVE_DIR": str(tmp_path),
            "DATABASE_URL": "postgresql://nobody:x@127.0.0.1:1/none",
        }
    )
    client = broken.test_client()
    response = client.get("/healthz")
    assert response.status_code == 503 and response.get_json()["database"] == "unreachable"
    page = client.get("/login")
    assert page.status_code == 503
    assert "Cơ sở dữ liệu đang bận hoặc không kết nối được" in page.get_data(as_text=True)


def test_every_menu_entry_points_to_a_real_page_or_a_planned_part(app):
    from inspection.navigation import ADMIN_MENU, MENU, PLANNED

    for _label, endpoint, _action in MENU + ADMIN_MENU:
        assert endpoint in app.view_functions or endpoint in PLANNED, endpoint


def test_workers_starting_together_share_one_secret_key(tmp_path, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from flask import Flask

    from inspection import config

    monkeypatch.delenv("SECRET_KEY", raising=False)

    def start_worker(_):
        worker = Flask("w", instance_path=str(tmp_path / "instance"))
        config.load(worker)
        return worker.config["SECRET_KEY"]

    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(start_worker, range(16)))
    assert len(keys) == 1
    assert [p.name for p in (tmp_path / "instance").iterdir()] == ["secret_key"]


def test_passwords_are_hashed_at_production_strength_outside_the_test_profile(app):
    """The suite hashes cheaply; a real installation keeps argon2-cffi's RFC 9106 profile."""
    from inspection.accounts.passwords import hash_password, verify_password

    assert hash_password("mat-khau-9").startswith("$argon2id$v=19$m=8,t=1,p=1$")  # the suite's profile
    app.config["PASSWORD_HASH"] = "strong"  # what config.load() sets on every installation
    strong = hash_password("mat-khau-9")
    assert strong.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password(strong, "mat-khau-9") and not verify_password(strong, "khac-9")
    assert strong.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password(strong, "mat-khau-9") and not verify_password(strong, "khac-9")
