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
        path = url[len("sqlite:///") :]
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
                # Keeps the query planner's statistics fresh (cheap when nothing changed);
                # without them a bulk-loaded register filters several times slower. It may
                # write (ANALYZE): under several gunicorn workers it waited the whole busy
                # timeout for another writer and then failed the request with a 500, so it
                # never waits and is simply skipped when the database is busy.
                try:
                    db.execute_sql("PRAGMA busy_timeout = 0")
                    db.execute_sql("PRAGMA optimize")
                except OperationalError:
                    pass
            db.close()

    @app.cli.command("init-db")
    def init_db_command():
        """Tạo hoặc nâng cấp cơ sở dữ liệu (chạy nhiều lần vẫn an toàn)."""
        applied = migrate()
        click.echo("Đã áp dụng: " + ", ".join(applied) if applied else "Cơ sở dữ liệu đã ở phiên bản mới nhất.")


def database_reachable() -> bool:
    try:
        with db.connection_context():
            db.execute_sql("SELECT 1")
        return True
    except OperationalError:
        return False
    except Exception:  # noqa: BLE001 - any driver failure means "not reachable" for /healthz
        current_app.logger.exception("database check failed")
        return False
