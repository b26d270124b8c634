"""Several machines: two gunicorn processes, each with its own local folders, one PostgreSQL,
huey on Redis and a shared file store (R-21).

An upload through one process is downloaded through the other; a dossier assembly queued
by one runs on a huey consumer started apart and its PDF is downloaded through the other.
Needs TEST_DATABASE_URL (PostgreSQL) and Debian's redis-server, started here as a child on
a free loopback port; without them the test is skipped with the reason.
"""

import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inspection import create_app
from inspection.db import db, migrate

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "Demo@2026"
pytestmark = pytest.mark.multi


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except AssertionError:
            raise
        except Exception:  # noqa: BLE001, S110 - not up yet
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} did not come up within {seconds} s")


def _stop(proc, sig=signal.SIGTERM):
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def pg_url():
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("needs PostgreSQL: set TEST_DATABASE_URL (.ci/run starts one)")
    return url


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (Debian package, scripts/system-deps.sh ci)")
    redis = pytest.importorskip("redis", reason="the redis package is not installed (requirements.txt)")
    port = _free_port()
    argv = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    proc = subprocess.Popen([*argv, "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)  # noqa: S603
    url = f"redis://127.0.0.1:{port}/0"
    try:
        _wait(lambda: redis.Redis.from_url(url).ping(), 15, "redis-server")
    except AssertionError as exc:
        _stop(proc)
        pytest.skip(f"redis-server could not be started: {exc}")
    yield url
    _stop(proc)


@pytest.fixture
def shared(pg_url, redis_url, tmp_path):
    """The environment both processes share, and a database holding a case ready for its dossier."""
    from inspection.db import make_database
    from tests.factories import notified_case as build_notified_case

    pg = make_database(pg_url)
    with pg.connection_context():
        pg.execute_sql("DROP SCHEMA IF EXISTS public CASCADE")
        pg.execute_sql("CREATE SCHEMA public")
    archive = tmp_path / "shared-archive"
    config = {"DATABASE_URL": pg_url, "ARCHIVE_DIR": str(archive), "SECRET_KEY": "two-processes", "TESTING": True}
    app = create_app(dict(config, PASSWORD_HASH="fast"))
    with app.app_context():
        migrate()
        with db.connection_context():
            from inspection.accounts import operations as accounts
            from inspection.accounts.models import Unit
            from inspection.dossier import filing
            from inspection.dossier import operations as dossier_ops

            unit = Unit.create(name="Văn phòng Sở", abbreviation="VP", kind="van_phong")
            chief = accounts.create_user(
                None,
                password=PASSWORD,
                roles=["chief_of_office"],
                username="chanhvp",
                full_name="Phạm Minh Tuấn",
                unit=unit,
            )
            case = build_notified_case(chief, Unit.create(name="Chi cục Kiểm lâm", abbreviation="CCKL"))
            dossier = dossier_ops.open_dossier(case, chief)
            filing.file_from_system(dossier, chief)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HUEY_", "TEST_"))}
    env.update(DATABASE_URL=pg_url, ARCHIVE_DIR=str(archive), SECRET_KEY="two-processes", HUEY_REDIS_URL=redis_url)
    env["PYTHONPATH"] = str(ROOT)
    return env, dossier.id, app


def _start(env, folder, argv):
    """A process with its own working, temporary and queue folders (nothing local is shared)."""
    folder.mkdir()
    (folder / "tmp").mkdir()
    own = dict(env, TMPDIR=str(folder / "tmp"), HUEY_SQLITE=str(folder / "huey.sqlite3"))
    log = open(folder / "log", "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(argv, cwd=folder, env=own, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


@pytest.fixture
def two_servers(shared, tmp_path):
    import requests

    env, dossier_id, app = shared
    procs, urls = [], []
    try:
        for name in ("a", "b"):
            port = _free_port()
            argv = [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2"]
            argv += ["--no-control-socket", "--chdir", str(ROOT), "app:app"]
            procs.append(_start(env, tmp_path / name, argv))
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            _wait(lambda url=url: requests.get(f"{url}/healthz", timeout=5).status_code == 200, 90, url)
        yield urls, env, dossier_id, app
    finally:
        for proc in procs:
            _stop(proc)
        for name in ("a", "b"):
            log = tmp_path / name / "log"
            if log.exists():
                sys.stdout.write(f"--- gunicorn {name} ---\n" + log.read_text(errors="replace")[-3000:])


def _csrf(session, url):
    page = session.get(url, timeout=30)
    assert page.status_code == 200, (url, page.status_code)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)


def test_R_21_two_processes_share_database_files_and_queue(two_servers, tmp_path):
    import requests
    from pypdf import PdfReader

    from tests.factories import pdf_bytes

    (a, b), env, dossier_id, app = two_servers
    session = requests.Session()  # one cookie jar: both servers sign sessions with the same key
    login = session.post(
        f"{a}/login", data={"username": "chanhvp", "password": PASSWORD, "csrf_token": _csrf(session, f"{a}/login")}
    )
    assert login.status_code == 200 and "/login" not in login.url, login.url

    # An upload through A is downloaded through B, byte for byte.
    content = pdf_bytes("Tài liệu tải lên qua máy A")
    form = {"csrf_token": _csrf(session, f"{a}/dossier/{dossier_id}"), "component": "8", "type_and_abstract": "Qua A"}
    sent = session.post(f"{a}/dossier/{dossier_id}/upload", data=form, files={"file": ("a.pdf", io.BytesIO(content))})
    assert sent.status_code == 200 and "Đã thêm tài liệu" in sent.text, sent.status_code
    with app.app_context(), db.connection_context():
        from inspection.dossier.models import DossierItem

        item_id = DossierItem.get(DossierItem.type_and_abstract == "Qua A").id
    got = session.get(f"{b}/dossier/items/{item_id}/file", timeout=30)
    assert got.status_code == 200 and got.content == content

    # A job queued through A waits in Redis until a consumer started apart runs it.
    token = _csrf(session, f"{a}/dossier/{dossier_id}")
    queued = session.post(f"{a}/dossier/{dossier_id}/assemble", data={"csrf_token": token}, allow_redirects=False)
    assert queued.status_code == 302, queued.status_code
    job_id = int(re.search(r"job=(\d+)", queued.headers["Location"]).group(1))
    assert session.get(f"{b}/dossier/jobs/{job_id}", timeout=30).json()["state"] == "queued"
    consumer = _start(env, tmp_path / "consumer", [str(BIN / "huey_consumer"), "inspection.worker.huey", "-w", "1"])
    try:

        def finished():
            state = session.get(f"{b}/dossier/jobs/{job_id}", timeout=30).json()
            assert state["state"] != "failed", state["message"]
            return state["state"] == "done" and state

        _wait(finished, 240, "the dossier assembly")
        status = session.get(f"{b}/dossier/jobs/{job_id}", timeout=30).json()
    finally:
        _stop(consumer, signal.SIGINT)
        sys.stdout.write((tmp_path / "consumer" / "log").read_text(errors="replace")[-3000:])
    pdf = session.get(f"{b}{status['pdf']}", timeout=60)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) == status["page_count"] > 1
