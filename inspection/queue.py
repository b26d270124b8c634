"""The kept task queue (huey): background work that must not run inside a web request.

SqliteHuey in the instance folder on one machine; RedisHuey when HUEY_REDIS_URL is set
(several machines; needs the `redis` package). Tests and HUEY_IMMEDIATE=1 run tasks
synchronously (in memory). Tasks take ids only and open their own database connection.

Consumer (started by `make run` beside the web server):
    .venv/bin/huey_consumer inspection.queue.huey --workers 1
"""

import os
from contextlib import contextmanager
from pathlib import Path

from huey import RedisHuey, SqliteHuey

INSTANCE = Path(__file__).resolve().parent.parent / "instance"


def _make_huey():
    immediate = os.environ.get("HUEY_IMMEDIATE") == "1"
    url = os.environ.get("HUEY_REDIS_URL")
    if url:
        return RedisHuey("inspection", url=url, immediate=immediate)
    filename = os.environ.get("HUEY_SQLITE") or str(INSTANCE / "huey.sqlite3")
    Path(filename).parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("inspection", filename=filename, immediate=immediate)


huey = _make_huey()
_app = None


def init_app(app):
    """Run tasks synchronously under tests (TESTING or HUEY_IMMEDIATE)."""
    if app.config.get("TESTING") or app.config.get("HUEY_IMMEDIATE"):
        huey.immediate = True


@contextmanager
def task_context():
    """Give a task an app context and a database connection of its own."""
    from flask import has_app_context

    from inspection.db import db

    global _app
    if has_app_context():
        ctx = None
    else:
        if _app is None:
            from inspection import create_app

            _app = create_app()
        ctx = _app.app_context()
        ctx.push()
    try:
        if db.is_closed():
            with db.connection_context():
                yield
        else:
            yield
    finally:
        if ctx is not None:
            ctx.pop()


# Register the tasks with the consumer (they import `huey` from this module).
from inspection.dossier import tasks  # noqa: E402,F401
