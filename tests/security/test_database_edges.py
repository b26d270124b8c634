"""The database's edges never give a 500 (issue 10): a concurrent writer, a read-only file, a missing one."""

import sqlite3

import pytest

from inspection import create_app

pytestmark = pytest.mark.sqlite_only


def _sqlite_path(app):
    return app.config["DATABASE_URL"][len("sqlite:///") :]


def test_closing_a_connection_while_another_process_writes_never_fails_the_request(demo, app, login):
    """`PRAGMA optimize` at teardown wants the write lock when statistics are stale; it must not wait and raise."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    login(client, "theodoi")
    writer = sqlite3.connect(_sqlite_path(app), isolation_level=None, timeout=0)
    writer.execute("BEGIN IMMEDIATE")  # another worker's write transaction holds the lock
    try:
        for url in ("/register/tasks", "/register/tasks?q=thuy+loi", "/register/tasks/1", "/"):
            assert client.get(url).status_code == 200, url
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_health_check_reports_a_database_that_reads_but_cannot_write(app, tmp_path):
    ok = app.test_client().get("/healthz")
    assert ok.status_code == 200 and ok.get_json()["database"] == "reachable"
    # The same file opened read-only (the one database proxy now points at it).
    ro = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{_sqlite_path(app)}?mode=ro",
            "ARCHIVE_DIR": str(tmp_path / "archive"),
            "SECRET_KEY": "x",
        }
    )
    answer = ro.test_client().get("/healthz")
    assert answer.status_code == 503
    assert answer.get_json() == {"status": "error", "database": "read-only"}


def test_an_unopenable_database_gets_the_error_page_without_needing_the_database(tmp_path):
    broken = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'missing-dir' / 'x' / 'db.sqlite3'}?mode=ro",
            "ARCHIVE_DIR": str(tmp_path / "archive"),
            "SECRET_KEY": "x",
            "PROPAGATE_EXCEPTIONS": False,
        }
    )
    with broken.test_client() as client:
        for url in ("/", "/login", "/register/tasks"):
            answer = client.get(url)
            assert answer.status_code == 503, url
            assert "Cơ sở dữ liệu" in answer.get_data(as_text=True)
        assert client.get("/healthz").status_code == 503
