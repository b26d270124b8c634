"""The kept task queue (huey): background work that must not run inside a web request.

The factory builds one queue per app from its config: SqliteHuey at HUEY_SQLITE (the
instance folder by default), RedisHuey when HUEY_REDIS_URL is set (several machines;
needs the `redis` package), in memory and synchronous when HUEY_IMMEDIATE (always under
TESTING). The queue knows no part: each part registers its task functions from its own
`init_app` with `register`, and queues them with `enqueue`. A task takes ids only and
runs inside the app's context with a database connection of its own.

Consumer (started by `make run` beside the web server; `inspection.worker` builds the app):
    .venv/bin/huey_consumer inspection.worker.huey --workers 1
"""

import functools
from contextlib import ExitStack
from pathlib import Path

from flask import current_app, has_app_context
from huey import MemoryHuey, RedisHuey, SqliteHuey

from inspection.db import db

NAME = "inspection"


def init_app(app):
    """Build this app's queue from its config (before any part registers tasks)."""
    app.extensions["huey"] = _make_huey(app.config)
    app.extensions["huey_tasks"] = {}


def _make_huey(config):
    if config["HUEY_IMMEDIATE"]:
        return MemoryHuey(NAME, immediate=True)
    if config["HUEY_REDIS_URL"]:
        return RedisHuey(NAME, url=config["HUEY_REDIS_URL"])
    Path(config["HUEY_SQLITE"]).parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(NAME, filename=config["HUEY_SQLITE"])


def register(app, *functions):
    """Make each function a task of the app's queue, run in the app's context."""
    huey, tasks = app.extensions["huey"], app.extensions["huey_tasks"]
    for fn in functions:
        tasks[_key(fn)] = huey.task(name=fn.__name__)(_in_app(app, fn))


def enqueue(task, *args):
    """Queue `task(*args)` on the current app's queue (it runs at once when immediate).

    `task` is a registered function or its dotted name ("inspection.dossier.tasks.assemble"):
    by name, the code that queues work need not import the module that does it.
    """
    return current_app.extensions["huey_tasks"][task if isinstance(task, str) else _key(task)](*args)


def _key(fn):
    return f"{fn.__module__}.{fn.__qualname__}"


def _in_app(app, fn):
    @functools.wraps(fn)
    def run(*args):
        with ExitStack() as stack:
            if not has_app_context():  # in the consumer; immediate tasks run in the request
                stack.enter_context(app.app_context())
            if db.is_closed():
                stack.enter_context(db.connection_context())
            return fn(*args)

    return run
