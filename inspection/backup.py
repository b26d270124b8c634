"""Backups: one consistent copy of the database and the file store, and its restore.

`flask --app app backup DEST` while the app runs:
- SQLite through its online backup API (`sqlite3.Connection.backup`, all pages in one step,
  so one read snapshot: under WAL writers go on meanwhile); PostgreSQL through `pg_dump`
  (one transaction snapshot), custom format.
- then ARCHIVE_DIR. Files are content-addressed and append-only, and a file is renamed into
  place before the row naming it is committed, so every file the database copy refers to
  already exists when the files are copied after it. Each copied file's SHA-256 goes into
  `manifest.json`; hidden names (temporary `.upload-*`, `.incoming-*`) are skipped.
Everything is written into a hidden folder beside DEST and renamed to DEST at the end:
a failed backup leaves no half-written DEST.

`flask --app app restore SRC [--force]` checks every hash first, refuses a database or
file store that already holds data unless --force, puts the files back (each written to a
temporary name and renamed), then the database (SQLite: the backup API again, one
transaction; PostgreSQL: `pg_restore --single-transaction`).
"""

import datetime
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import click
from flask import current_app

MANIFEST = "manifest.json"
ARCHIVE = "archive"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
_CHUNK = 1024 * 1024


class BackupError(click.ClickException):
    """A backup or restore refused or failed; the message is for the operator (Vietnamese)."""


def init_app(app):
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


@click.command("backup")
@click.argument("dest", type=click.Path(path_type=Path))
def backup_command(dest):
    """Sao lưu cơ sở dữ liệu và kho tệp vào thư mục DEST (chưa tồn tại), khi ứng dụng đang chạy."""
    started = time.perf_counter()
    manifest = backup(dest, current_app.config["DATABASE_URL"], current_app.config["ARCHIVE_DIR"])
    size = sum(f["size"] for f in manifest["files"].values()) + manifest["database"]["size"]
    click.echo(
        f"Đã sao lưu vào {dest}: cơ sở dữ liệu {manifest['database']['kind']}, "
        f"{len(manifest['files'])} tệp, tổng {size / 1024 / 1024:.1f} MB, "
        f"trong {time.perf_counter() - started:.1f} giây."
    )


@click.command("restore")
@click.argument("src", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Ghi đè lên cơ sở dữ liệu và kho tệp đang có dữ liệu.")
def restore_command(src, force):
    """Khôi phục bản sao lưu SRC (dừng ứng dụng trước); từ chối ghi đè dữ liệu đang có nếu thiếu --force."""
    manifest = restore(src, current_app.config["DATABASE_URL"], current_app.config["ARCHIVE_DIR"], force=force)
    click.echo(f"Đã khôi phục từ {src} (sao lưu lúc {manifest['created_at']}): {len(manifest['files'])} tệp.")
    click.echo("Tiếp theo: chạy `flask --app app init-db` rồi khởi động lại ứng dụng.")


# --- backup ---------------------------------------------------------------------------------


def backup(dest, database_url, archive_dir):
    """Write a consistent backup of the database and ARCHIVE_DIR into the new folder `dest`."""
    dest = Path(dest)
    if dest.exists():
        raise BackupError(f"Thư mục đích đã tồn tại: {dest}. Hãy chọn một thư mục mới.")
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=dest.parent, prefix=f".{dest.name}.partial-"))
    try:
        # The database first: every file it names is already in the store (see module doc).
        database = _dump_database(database_url, work)
        files = _copy_store(Path(archive_dir), work / ARCHIVE)
        manifest = {
            "format": 1,
            "created_at": datetime.datetime.now().isoformat(timespec="seconds"),
            "database": database,
            "files": files,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
        os.rename(work, dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return manifest


def _dump_database(url, work):
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        if not path.is_file():
            raise BackupError(f"Không tìm thấy cơ sở dữ liệu SQLite: {path}")
        _sqlite_copy(path, work / SQLITE_FILE)
        return _describe("sqlite", work / SQLITE_FILE)
    if url.startswith(("postgres://", "postgresql://")):
        _run(
            _pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={work / PG_FILE}", url=url
        )
        return _describe("postgresql", work / PG_FILE)
    raise BackupError(f"DATABASE_URL không được hỗ trợ để sao lưu: {url.split(':', 1)[0]}")


def _sqlite_copy(source: Path, target: Path):
    """Copy a live SQLite database in one read snapshot (pages=-1: a single backup step)."""
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=-1)
        # One self-contained file: no -wal beside it.
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def _describe(kind, path):
    return {"kind": kind, "file": path.name, "sha256": file_sha256(path), "size": path.stat().st_size}


def _copy_store(source: Path, target: Path):
    """Copy every visible regular file of the store, hashing it as it is copied."""
    files = {}
    target.mkdir()
    for rel in _store_files(source):
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with open(source / rel, "rb") as fin, open(out, "wb") as fout:
            while chunk := fin.read(_CHUNK):
                digest.update(chunk)
                fout.write(chunk)
        files[rel] = {"sha256": digest.hexdigest(), "size": out.stat().st_size}
    return files


def _store_files(root: Path):
    """Relative paths of the store's files, hidden (temporary) files and folders left out."""
    if not root.is_dir():
        return []
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(folder, name)
            if not name.startswith(".") and path.is_file() and not path.is_symlink():
                found.append(path.relative_to(root).as_posix())
    return found


def file_sha256(path):
    """Return the hex SHA-256 of the file at `path`."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- restore --------------------------------------------------------------------------------


def restore(src, database_url, archive_dir, force=False):
    """Restore the backup folder `src` into the database and ARCHIVE_DIR (empty unless `force`)."""
    src = Path(src)
    manifest = verify(src)
    kind = manifest["database"]["kind"]
    if kind != ("sqlite" if database_url.startswith("sqlite:///") else "postgresql"):
        raise BackupError(f"Bản sao lưu là cơ sở dữ liệu {kind}, không khớp DATABASE_URL hiện tại.")
    if not force:
        if _database_has_tables(database_url):
            raise BackupError("Cơ sở dữ liệu đích đã có dữ liệu; dùng --force nếu thật sự muốn ghi đè.")
        if _store_files(Path(archive_dir)):
            raise BackupError(f"Kho tệp {archive_dir} đã có tệp; dùng --force nếu thật sự muốn ghi đè.")
    _restore_store(src / ARCHIVE, Path(archive_dir), manifest["files"])
    if kind == "sqlite":
        target = Path(database_url[len("sqlite:///") :])
        target.parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(src / SQLITE_FILE, target)
    else:
        clean = ["--clean", "--if-exists"] if force else []
        options = ["--single-transaction", "--no-owner", "--no-privileges", *clean]
        _run(_pg_tool("pg_restore"), *options, "--dbname", None, str(src / PG_FILE), url=database_url)
    return manifest


def verify(src):
    """Check the backup `src` against its manifest; return the manifest or raise BackupError."""
    try:
        manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
        database = manifest["database"]
        files = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{src} không phải một bản sao lưu hợp lệ (thiếu hoặc hỏng {MANIFEST}).") from exc
    expected = {database["file"]: database["sha256"]} | {f"{ARCHIVE}/{k}": v["sha256"] for k, v in files.items()}
    for rel, sha in expected.items():
        path = src / rel
        if not path.is_file() or file_sha256(path) != sha:
            raise BackupError(f"Bản sao lưu bị hỏng: tệp {rel} bị thiếu hoặc đã bị sửa. Không khôi phục gì.")
    return manifest


def _restore_store(source: Path, target: Path, files):
    for rel, meta in files.items():
        final = target / rel
        if final.is_file() and file_sha256(final) == meta["sha256"]:
            continue
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=".restore-")
        try:
            with os.fdopen(fd, "wb") as out, open(source / rel, "rb") as fin:
                shutil.copyfileobj(fin, out, _CHUNK)
            os.replace(tmp, final)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


def _database_has_tables(url):
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        if not path.is_file():
            return False
        con = sqlite3.connect(path, timeout=30)
        try:
            return con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0
        finally:
            con.close()
    import psycopg

    with psycopg.connect(url) as con:
        row = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").fetchone()
    return row[0] > 0


# --- PostgreSQL client tools ----------------------------------------------------------------


def _pg_tool(name):
    """The newest installed PostgreSQL client `name` (pg_dump must be >= the server's version)."""
    versions = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")
    versions.sort(key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    found = versions[-1] if versions else shutil.which(name)
    if not found:
        raise BackupError(f"Không tìm thấy {name} (gói Debian postgresql-client).")
    return found


def _run(tool, *args, url):
    """Run a PostgreSQL tool with the connection in the environment (no password in `ps`).

    A None in `args` stands for the database name."""
    parts = urlparse(url)
    env = dict(os.environ, PGDATABASE=unquote(parts.path.lstrip("/")))
    for var, value in (("PGHOST", parts.hostname), ("PGPORT", parts.port), ("PGUSER", parts.username)):
        if value:
            env[var] = unquote(str(value))
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    argv = [tool, *(env["PGDATABASE"] if a is None else a for a in args)]
    proc = subprocess.run(argv, env=env, capture_output=True, text=True)  # noqa: S603 - fixed tool, no shell
    if proc.returncode:
        raise BackupError(f"{Path(tool).name} thất bại (mã {proc.returncode}): {proc.stderr.strip()[-500:]}")
