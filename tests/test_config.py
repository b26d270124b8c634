"""Configuration in the factory: the instance folder, the queue, the environment (issue 9)."""

import ast
import re
from pathlib import Path

from huey import MemoryHuey, SqliteHuey

from inspection import PARTS, create_app

PACKAGE = Path(__file__).resolve().parent.parent / "inspection"


def _settings(tmp_path, **extra):
    return {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ARCHIVE_DIR": str(tmp_path / "archive"),
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "x",
        **extra,
    }


def test_queue_knows_no_part():
    tree = ast.parse((PACKAGE / "queue.py").read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    parts = set(PARTS) - {"inspection.db"}
    assert not {m for m in imported if any(m == p or m.startswith(p + ".") for p in parts)}
    assert "inspection" not in imported  # not the factory either: the consumer names inspection.worker


def test_factory_builds_the_queue_in_the_instance_folder_and_parts_register_tasks(tmp_path):
    app = create_app(_settings(tmp_path))
    assert app.instance_path == str((tmp_path / "instance").resolve())
    huey = app.extensions["huey"]
    assert isinstance(huey, SqliteHuey) and not huey.immediate
    assert huey.storage.filename == str((tmp_path / "instance" / "huey.sqlite3").resolve())
    names = set(huey._registry._registry)
    assert {"inspection.dossier.tasks.assemble", "inspection.dossier.tasks.archive"} <= names
    assert app.config["REGISTER_IMPORT_DIR"] == str((tmp_path / "instance" / "imports").resolve())


def test_testing_and_immediate_run_tasks_in_memory(tmp_path):
    for extra in ({"TESTING": True}, {"HUEY_IMMEDIATE": True}):
        app = create_app(_settings(tmp_path, **extra))
        huey = app.extensions["huey"]
        assert isinstance(huey, MemoryHuey) and huey.immediate, extra
    assert not (tmp_path / "instance" / "huey.sqlite3").exists()


def test_two_apps_keep_their_own_queues(tmp_path):
    one = create_app(_settings(tmp_path / "a"))
    two = create_app(_settings(tmp_path / "b"))
    assert one.extensions["huey"].storage.filename != two.extensions["huey"].storage.filename


def test_only_config_reads_the_environment():
    readers = []
    for path in PACKAGE.rglob("*.py"):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"os\.environ|os\.getenv", line):
                readers.append(f"{path.relative_to(PACKAGE)}:{n}")
    others = [r for r in readers if not r.startswith("config.py:")]
    # documents/office.py copies the environment for the LibreOffice child process and falls
    # back to it for SOFFICE_* when no app exists (benchmarks); backup.py copies it for pg_dump;
    # nothing else may read it.
    assert all(r.startswith(("documents/office.py:", "backup.py:")) for r in others), others


def test_a_queued_task_waits_in_the_queue_and_the_consumer_runs_it_in_the_app(tmp_path):
    from flask import current_app

    from inspection import queue
    from inspection.db import db

    seen = []

    def probe(value):
        seen.append((current_app.config["INSTANCE_PATH"], value, not db.is_closed()))

    app = create_app(_settings(tmp_path))
    queue.register(app, probe)
    huey = app.extensions["huey"]
    with app.app_context():
        queue.enqueue(probe, 7)
    assert seen == [] and huey.pending_count() == 1  # waits for the consumer
    huey.execute(huey.dequeue())  # what the consumer does, outside any app context
    assert seen == [(app.config["INSTANCE_PATH"], 7, True)]


def test_the_consumer_entry_builds_the_app_from_the_environment(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, INSTANCE_PATH=str(tmp_path / "instance"), SECRET_KEY="x")
    env.pop("HUEY_IMMEDIATE", None)
    code = "from inspection.worker import huey; print(type(huey).__name__, huey.storage.filename)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=PACKAGE.parent, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["SqliteHuey", str((tmp_path / "instance" / "huey.sqlite3").resolve())]
