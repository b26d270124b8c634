"""One database proxy for the whole app; connections live as long as a request.

SQLite runs in WAL mode with foreign keys and a busy timeout, and every transaction
is opened with BEGIN IMMEDIATE: under several gunicorn workers a deferred
transaction that starts reading and then writes fails with "database is locked";
taking the write lock up front makes the second writer wait instead.
"""

from pathlib import Path

import click
from flask import current_app
from peewee import DatabaseProxy, Model, OperationalError, PostgresqlDatabase, SqliteDatabase
from playhouse.db_url import parse
from playhouse.migrations import Runner

db = DatabaseProxy()
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
SQLITE_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 10000, "synchronous": "normal"}


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


def make_database(url: str):
    """Build (but do not connect) the database named by a URL."""
    if url.startswith("sqlite:///"):
        path, _, query = url[len("sqlite:///") :].partition("?")
        if query == "mode=ro":  # a read-only copy (a replica, a restored backup being checked)
            return SqliteDatabase(f"file:{path}?mode=ro", uri=True, pragmas={"busy_timeout": 10000}, timeout=10)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        return SqliteDatabase(path, pragmas=SQLITE_PRAGMAS, timeout=10, lock_type="IMMEDIATE")
    if url.startswith(("postgres://", "postgresql://")):
        params = parse(url)
        name = params.pop("database")
        return PostgresqlDatabase(name, **params)
    raise click.UsageError(f"DATABASE_URL không hợp lệ: {url!r}")


def is_postgres() -> bool:
    return isinstance(db.obj, PostgresqlDatabase)


def migrate(target=None):
    """Apply pending numbered migrations; safe to run twice."""
    with db.connection_context():
        return Runner(db.obj, directory=str(MIGRATIONS_DIR)).up(target)


def init_app(app):
    """Bind the proxy to the configured database and open/close per request."""
    # Connections are opened lazily per request, so gunicorn workers that fork
    # after create_app() never share a connection.
    db.initialize(make_database(app.config["DATABASE_URL"]))

    @app.before_request
    def _connect():
        from flask import request

        # The health check opens its own connection so it can report a failure itself.
        if request.endpoint != "main.healthz":
            db.connect(reuse_if_open=True)

    @app.teardown_request
    def _close(exc):
        if not db.is_closed():
            if not is_postgres():
                optimize_quietly()
            db.close()

    @app.cli.command("init-db")
    def init_db_command():
        """Tạo hoặc nâng cấp cơ sở dữ liệu (chạy nhiều lần vẫn an toàn)."""
        applied = migrate()
        click.echo("Đã áp dụng: " + ", ".join(applied) if applied else "Cơ sở dữ liệu đã ở phiên bản mới nhất.")


def optimize_quietly():
    """Refresh SQLite's planner statistics if no one else is writing; never fail a request.

    Without statistics a bulk-loaded register filters several times slower, so each
    connection runs `PRAGMA optimize` as it closes (cheap when nothing changed). When the
    statistics are stale it writes: under a concurrent writer it would wait the busy timeout
    and then raise "database is locked" after the response was built (1.4 % of a GET burst
    did). So it does not wait, and a refusal just leaves the work to the next connection.
    """
    try:
        db.execute_sql("PRAGMA busy_timeout = 0")
        db.execute_sql("PRAGMA optimize")
    except OperationalError as exc:
        current_app.logger.debug("PRAGMA optimize skipped: %s", exc)
    finally:
        try:
            db.execute_sql(f"PRAGMA busy_timeout = {SQLITE_PRAGMAS['busy_timeout']}")
        except OperationalError:
            pass


def database_state() -> str:
    """'reachable' (and writable), 'read-only' or 'unreachable': what /healthz reports.

    A database that answers SELECT but refuses writes (a full disk, a read-only mount, a
    PostgreSQL standby) would fail every save while looking healthy to a load balancer.
    The write check takes and releases the write lock without changing anything.
    """
    try:
        with db.connection_context():
            db.execute_sql("SELECT 1")
            if is_postgres():
                (read_only,) = db.execute_sql("SHOW transaction_read_only").fetchone()
                return "read-only" if read_only == "on" else "reachable"
            db.execute_sql("PRAGMA busy_timeout = 2000")
            try:
                db.execute_sql("BEGIN IMMEDIATE")
            except OperationalError as exc:
                return "reachable" if "locked" in str(exc) else "read-only"  # busy is not broken
            try:
                # Rewrites the header with the value it has, then rolls back: a real write, no change.
                (version,) = db.execute_sql("PRAGMA user_version").fetchone()
                db.execute_sql(f"PRAGMA user_version = {int(version)}")
            except OperationalError:
                return "read-only"
            finally:
                db.execute_sql("ROLLBACK")
            return "reachable"
    except OperationalError:
        return "unreachable"
    except Exception:  # noqa: BLE001 - any driver failure means "not reachable" for /healthz
        current_app.logger.exception("database check failed")
        return "unreachable"
