"""Backup under write load, restore into a fresh place, compare rows and files (R-21).

Runs on SQLite and, in CI, on PostgreSQL (marked `db` by the `app` fixture): there the
restore goes into the same test database after its schema is dropped, since the test role
may not create databases.
"""

import datetime
import io
import os
import threading

import pytest

from inspection import backup, uploads
from inspection.db import db, is_postgres, make_database
from inspection.register import operations
from inspection.register.models import DirectiveDocument, Task
from inspection.workdays import WorkCalendar

TODAY = datetime.date(2026, 11, 27)


def _pdf(n):
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": f"Bản quét số {n}"})
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def setup(app, make_unit, make_user):
    app.config["TODAY"] = TODAY.isoformat()
    unit = make_unit(name="Chi cục Thủy lợi", abbreviation="CCTL")
    return unit, make_user(roles=["tracking_officer"], username="theodoi", unit=unit)


def _register(user, unit, n):
    """One write of the load: a document, its task and its uploaded scan, in one transaction."""
    doc = dict(
        number_symbol=f"{n}/UBND-NNTN",
        doc_type="cong_van",
        issuer_kind="ubnd_tinh",
        issuer_name="",
        signer="Nguyễn Văn A",
        issued_on=datetime.date(2026, 11, 20),
        received_on=datetime.date(2026, 11, 23),
        channel="eoffice",
        abstract=f"Về việc hạ tầng thủy lợi số {n}",
        secret_level="",
        is_complex=False,
    )
    tasks = [dict(summary=f"Báo cáo hạ tầng {n}", lead_unit=unit, deadline=datetime.date(2026, 12, 15))]
    scan = lambda: uploads.store_bytes(_pdf(n), f"scan-{n}.pdf", user=user, allowed=("pdf",))  # noqa: E731
    operations.register_document(user, doc, tasks, WorkCalendar(), scan_file=scan, on=TODAY)


class Writer(threading.Thread):
    """Registers documents with scans until stopped (at most `limit`), each in its own transaction."""

    def __init__(self, app, user, unit, limit=400):
        super().__init__(daemon=True)
        self.app, self.user, self.unit, self.limit = app, user, unit, limit
        self.done, self.error = 0, None
        self.stop = threading.Event()
        self.progress = threading.Condition()

    def run(self):
        try:
            with self.app.app_context(), db.connection_context():
                while not self.stop.is_set() and self.done < self.limit:
                    _register(self.user, self.unit, 1000 + self.done)
                    with self.progress:
                        self.done += 1
                        self.progress.notify_all()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            self.error = exc
            with self.progress:
                self.progress.notify_all()

    def wait_for(self, count):
        with self.progress:
            assert self.progress.wait_for(lambda: self.done >= count or self.error, timeout=120), self.done
        assert self.error is None, self.error


def _tables(database):
    """Every table's rows, sorted by the first column, as lists of tuples."""
    with database.connection_context():
        result = {}
        for table in database.get_tables():
            cursor = database.execute_sql(f'SELECT * FROM "{table}" ORDER BY 1')
            result[table] = [tuple(row) for row in cursor.fetchall()]
    return result


def _restore_target(app, tmp_path):
    """A fresh database URL to restore into (PostgreSQL: the test database, emptied)."""
    if not is_postgres():
        return f"sqlite:///{tmp_path / 'restored' / 'inspection.sqlite3'}"
    db.close()
    with db.connection_context():
        db.execute_sql("DROP SCHEMA public CASCADE")
        db.execute_sql("CREATE SCHEMA public")
    return app.config["DATABASE_URL"]


def test_R_21_backup_under_write_load_restores_the_rows_and_files_of_its_moment(app, setup, tmp_path):
    unit, user = setup
    for n in range(3):
        _register(user, unit, n + 1)
    writer = Writer(app, user, unit)
    writer.start()
    try:
        writer.wait_for(5)
        manifest = backup.backup(tmp_path / "bk", app.config["DATABASE_URL"], app.config["ARCHIVE_DIR"])
        at_backup = writer.done
        writer.wait_for(at_backup + 3)  # writes go on after the snapshot
    finally:
        writer.stop.set()
        writer.join(60)
    assert writer.error is None, writer.error
    source = _tables(db)
    source_files = {rel: backup.file_sha256(os.path.join(app.config["ARCHIVE_DIR"], rel)) for rel in manifest["files"]}
    assert {rel: meta["sha256"] for rel, meta in manifest["files"].items()} == source_files

    url, archive = _restore_target(app, tmp_path), tmp_path / "restored-archive"
    backup.restore(tmp_path / "bk", url, str(archive))
    restored_db = db if is_postgres() else make_database(url)
    restored = _tables(restored_db)

    assert set(restored) == set(source)
    loaded = {n for (n,) in [r[:1] for r in restored["task"]]}
    assert 3 + 5 <= len(loaded) < len(source["task"])  # taken while the writer ran
    for table, rows in restored.items():
        if table == "figures_version":  # a write counter updated in place (migration 0027)
            assert rows[0][1] <= source[table][0][1]
            continue
        if table == "figures_unit_version":  # write counters per unit, updated in place (migration 0029)
            assert [r[0] for r in rows] == [r[0] for r in source[table]]
            assert all(r[1] <= s[1] for r, s in zip(rows, source[table]))
            continue
        # Writers only insert, with growing ids: the backup's moment is a prefix of every table.
        if rows and isinstance(rows[0][0], int) and table != "schema_migration":
            last = rows[-1][0]
            assert rows == [r for r in source[table] if r[0] <= last], table
        else:
            assert set(rows) <= set(source[table]), table
    # Whole transactions only: every restored document has its task and its scan, and the file.
    with restored_db.connection_context(), restored_db.bind_ctx([DirectiveDocument, Task, uploads.StoredFile]):
        docs = list(DirectiveDocument.select())
        assert len(docs) == len(loaded)
        assert all(d.scan_id for d in docs)
        stored = list(uploads.StoredFile.select())
    assert len(stored) == len(docs)
    for row in stored:
        rel = f"files/{row.sha256[:2]}/{row.sha256[2:4]}/{row.sha256}"
        assert backup.file_sha256(archive / rel) == row.sha256


def test_restore_refuses_data_in_place_and_a_damaged_backup_writes_nothing(app, setup, tmp_path):
    unit, user = setup
    _register(user, unit, 1)
    url, archive = app.config["DATABASE_URL"], app.config["ARCHIVE_DIR"]
    backup.backup(tmp_path / "bk", url, archive)
    with pytest.raises(backup.BackupError, match="đã tồn tại"):
        backup.backup(tmp_path / "bk", url, archive)
    with pytest.raises(backup.BackupError, match="--force"):
        backup.restore(tmp_path / "bk", url, archive)
    _register(user, unit, 2)
    db.close()
    backup.restore(tmp_path / "bk", url, archive, force=True)
    assert DirectiveDocument.select().count() == 1  # back to the backup's moment

    blob = next((tmp_path / "bk" / "archive" / "files").rglob("*"))
    while blob.is_dir():
        blob = next(blob.iterdir())
    blob.write_bytes(b"%PDF-1.4 sua doi")
    empty = tmp_path / "empty-archive"
    target = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    with pytest.raises(backup.BackupError, match="bị hỏng"):
        backup.restore(tmp_path / "bk", target, str(empty))
    assert not empty.exists() and not (tmp_path / "fresh.sqlite3").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no half-written backup


def test_backup_and_restore_commands(app, setup, tmp_path):
    unit, user = setup
    _register(user, unit, 1)
    runner = app.test_cli_runner()
    done = runner.invoke(args=["backup", str(tmp_path / "bk")])
    assert done.exit_code == 0, done.output
    assert "Đã sao lưu" in done.output and (tmp_path / "bk" / "manifest.json").is_file()
    refused = runner.invoke(args=["restore", str(tmp_path / "bk")])
    assert refused.exit_code == 1 and "--force" in refused.output
