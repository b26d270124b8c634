"""Shared fixtures: a fresh, migrated database per test, a client, and factories.

SQLite by default (a temporary file: `:memory:` would give every connection its own
empty database). With TEST_DATABASE_URL=postgresql://... the same tests run on
PostgreSQL; the schema is dropped and rebuilt for each test.

Tests that ask for the `demo` fixture get the full demo data set. On SQLite it is
seeded once per session into a template database that each test copies.
"""

import copy
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from inspection import create_app
from inspection.db import db, make_database, migrate
from inspection.workdays import WorkCalendar
from tests import factories
from tests.factories import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parent.parent
_IGNORED = (".venv", "__pycache__", ".pytest_cache")


def _checkout_status():
    """`git status` of the checkout (untracked and ignored too), minus caches and the venv."""
    try:
        out = subprocess.run(
            # Every file, ignored ones too (a new file inside an existing instance/ counts);
            # the venv is left out of the walk, caches out of the comparison.
            ["git", "status", "--porcelain", "--ignored", "--untracked-files=all", "--", ".", ":(exclude).venv"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (an unpacked release)
        return None
    return {line for line in out.splitlines() if not any(part in line for part in _IGNORED)}


def pytest_configure(config):
    """Every app the suite builds keeps its instance folder in a temporary directory."""
    config._checkout_before = _checkout_status()
    if "INSTANCE_PATH" not in os.environ:
        config._instance_dir = tempfile.TemporaryDirectory(prefix="inspection-instance-")
        os.environ["INSTANCE_PATH"] = config._instance_dir.name


def pytest_sessionfinish(session, exitstatus):
    """Fail the run when the suite left files in the checkout (tests write only to tmp)."""
    before = getattr(session.config, "_checkout_before", None)
    after = _checkout_status()
    if before is None or after is None:
        return
    new = sorted(after - before)
    if new:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "\nFAILED: the test suite changed the checkout (tests write only to tmp):\n  " + "\n  ".join(new)
        if reporter:
            reporter.write_line(message, red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_collection_modifyitems(config, items):
    """Every test on a fresh database also runs on PostgreSQL in CI (`-m db`).

    Tests of SQLite's own behaviour carry `sqlite_only`; tests that load the whole demo
    data set stay on SQLite, where it is seeded once and copied (on PostgreSQL it would be
    seeded again for each test).
    """
    for item in items:
        names = getattr(item, "fixturenames", ())
        if (
            "app" in names
            and "demo" not in names
            and "live_server" not in names
            and item.get_closest_marker("sqlite_only") is None
        ):
            item.add_marker(pytest.mark.db)


def _reset_postgres(url):
    from inspection.db import make_database

    pg = make_database(url)
    with pg.connection_context():
        pg.execute_sql("DROP SCHEMA IF EXISTS public CASCADE")
        pg.execute_sql("CREATE SCHEMA public")


def _config(url, archive):
    return {
        "TESTING": True,
        "DATABASE_URL": url,
        "ARCHIVE_DIR": str(archive),
        "INSTANCE_PATH": str(Path(archive).parent / "instance"),
        # n8-signing: seed-demo's demonstration certificates stay in this test's own folder
        "SIGNING_DEMO_DIR": str(Path(archive).parent / "instance" / "signing-demo"),
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "LOGIN_MAX_FAILURES": 3,
        "PASSWORD_HASH": "fast",
        "LOGIN_RATE_LIMIT_ENABLED": False,  # one test turns it on (tests/security/test_login.py)  # production strength is tested once (test_foundation)
    }


@pytest.fixture(scope="session")
def _shared_app(tmp_path_factory):
    """One app for the whole session, and its config as built: building an app compiles its
    hundred URL rules (about 0.1 s, once per test before). Each test gets its own database,
    archive and instance folders and a fresh copy of that config (tests change TODAY etc.)."""
    base = tmp_path_factory.mktemp("shared-app")
    app = create_app(_config(f"sqlite:///{base / 'unused.sqlite3'}", base / "archive"))
    return app, copy.deepcopy(dict(app.config))


@pytest.fixture(scope="session")
def _schema_template(tmp_path_factory):
    """A migrated, empty SQLite database, made once: each test copies it (migrating took
    about a fifth of a second per test)."""
    base = tmp_path_factory.mktemp("schema-template")
    app = create_app(_config(f"sqlite:///{base / 'schema.sqlite3'}", base / "archive"))
    with app.app_context():
        migrate()
        with db.connection_context():
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return base / "schema.sqlite3"


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory):
    """A migrated and seeded SQLite database (and its archive folder), made once."""
    from inspection.demo import seed_demo

    base = tmp_path_factory.mktemp("demo-template")
    app = create_app(_config(f"sqlite:///{base / 'demo.sqlite3'}", base / "archive"))
    with app.app_context():
        migrate()
        with db.connection_context():
            ctx = seed_demo()
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return base, ctx


@pytest.fixture
def app(request, tmp_path):
    url = os.environ.get("TEST_DATABASE_URL")
    wants_demo = "demo" in request.fixturenames
    if url and url.startswith("postgres"):
        _reset_postgres(url)
    elif wants_demo:
        base, _ctx = request.getfixturevalue("_demo_template")
        shutil.copy(base / "demo.sqlite3", tmp_path / "test.sqlite3")
        if (base / "archive").exists():
            shutil.copytree(base / "archive", tmp_path / "archive")
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    else:
        shutil.copy(request.getfixturevalue("_schema_template"), tmp_path / "test.sqlite3")
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    app, pristine = request.getfixturevalue("_shared_app")
    app.config.clear()
    app.config.update(copy.deepcopy(pristine), **_config(url, tmp_path / "archive"))
    app.config["REGISTER_IMPORT_DIR"] = str(tmp_path / "instance" / "imports")
    db.initialize(make_database(url))
    with app.app_context():
        migrate()  # PostgreSQL: the whole schema; a copied template: nothing left to apply
        yield app
    if not db.is_closed():
        db.close()


@pytest.fixture
def demo(request, app):
    """The full demo data set (every part's seed), as `flask seed-demo` makes it: returns its ctx."""
    if os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"):
        from inspection.demo import seed_demo

        return seed_demo()
    return request.getfixturevalue("_demo_template")[1]


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login():
    def do_login(client, username, password=DEMO_PASSWORD):
        response = client.post("/login", data={"username": username, "password": password})
        assert response.status_code == 302, f"login as {username} failed"
        return response

    return do_login


# ---- factories (tests/factories.py), as fixtures ------------------------------------------


@pytest.fixture
def make_unit(app):
    return factories.unit


@pytest.fixture
def make_user(app):
    return factories.user


@pytest.fixture
def cal():
    """The real working-day calendar with the shipped corrections."""
    return WorkCalendar()


@pytest.fixture
def units(app):
    """Kiểm lâm, Thủy lợi and the Office (keys kl, tl, vp)."""
    return factories.register_units()


@pytest.fixture
def users(units):
    """One user of each register role: theodoi, chanhvp, giamdoc, canbokl, canbotl, baomat."""
    return factories.register_users(units)


@pytest.fixture
def register_doc(users, units):
    """Register a document (ordinary by default) with tasks; returns (doc, tasks)."""
    counter = itertools.count(1)

    def factory(tasks=None, user=None, **doc_overrides):
        by = user or users["tracker"]
        return factories.register_document(by, units["tl"], tasks, n=next(counter), **doc_overrides)

    return factory


@pytest.fixture
def dept_units(app):
    """The Department's real units (the demo seed's), by abbreviation."""
    return factories.dept_units()


@pytest.fixture
def tracker(dept_units):
    return factories.user(
        roles=["tracking_officer"], username="theodoi_xl", full_name="Trần Văn Bình", unit=dept_units["VP"]
    )


@pytest.fixture
def world(app):
    """Units, people and register tasks for an inspection of Chi cục Kiểm lâm in 2026."""
    return factories.inspection_world(app)


@pytest.fixture
def chief(app):
    return factories.user(roles=["chief_of_office"], full_name="Phạm Minh Tuấn")


@pytest.fixture
def chief_client(app, chief, login):
    client = app.test_client()
    login(client, chief.username)
    return client


@pytest.fixture
def notified_case(app, chief):
    """A case at 'đã thông báo kết luận' with all its issued documents (factories.notified_case)."""
    return factories.notified_case(chief, factories.unit(name="Chi cục Kiểm lâm", abbreviation="CCKL"))


@pytest.fixture
def dossier(notified_case, chief):
    """The notified case's dossier, opened and filed from the system's records."""
    from inspection.dossier import filing, operations
    from inspection.dossier.models import Dossier

    d = operations.open_dossier(notified_case, chief)
    filing.file_from_system(d, chief)
    return Dossier.get_by_id(d.id)
