"""The app under gunicorn with concurrent clients, and a backup while it is written (issue 10).

1. Builds a register of --tasks tasks (bench_register's bulk loader; 100,000 by default)
   in SQLite, starts `gunicorn --workers 4` on it (127.0.0.1, a free port), and lets
   --clients client threads (50) each log in and run the usual mix for --seconds:
   register list 30 %, search 25 %, task page 30 %, progress update 15 %.
   Prints requests/s, p50 and p95 (all and per kind), errors (any other status or a
   failed connection) and lost updates (updates answered 302 but not stored, or stored
   twice: every acknowledged text is looked up in the database afterwards).
2. While --writers clients (10) keep recording progress, runs `inspection.backup.backup`
   on the live database and file store: time and size, the updates acknowledged during
   it, and the copy's integrity (SQLite `PRAGMA integrity_check`, task count).
3. The same on PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) names one:
   its schema is DROPPED first, so give a throwaway database.
Usage: .venv/bin/python bench/bench_server.py [--tasks 100000] [--clients 50] [--seconds 60]
The client threads run on the same machine as the server: they take CPU from it.
"""

import argparse
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_register import TODAY, bulk_load  # noqa: E402

MIX = [("list", 30), ("search", 25), ("task", 30), ("update", 15)]
SEARCHES = ["ha tang", "sam ngoc linh", "thuy loi", "nong thon moi", "rung", "giai ngan"]


def build(url, archive, tasks):
    """Migrate, seed the demo accounts and bulk-load `tasks` tasks into the database at `url`."""
    from inspection import create_app
    from inspection.db import db, migrate
    from inspection.demo import seed_foundation
    from inspection.register.models import Task

    app = create_app({"DATABASE_URL": url, "ARCHIVE_DIR": str(archive), "SECRET_KEY": "bench", "TESTING": True})
    with app.app_context():
        migrate()
        with db.connection_context():
            seed_foundation({})
            start = time.perf_counter()
            bulk_load(tasks, random.Random(2026))
            db.execute_sql("ANALYZE")
            # Ordinary tasks still open to updates (a returned task refuses them, rightly, with 403).
            open_tasks = Task.select(Task.id).where(~Task.is_secret & Task.returned_on.is_null())
            ids = [i for (i,) in open_tasks.tuples()]
    print(f"built in {time.perf_counter() - start:.0f} s")
    return app, random.Random(7).sample(ids, min(3000, len(ids)))


def start_server(url, archive, work, workers, threads):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, DATABASE_URL=url, ARCHIVE_DIR=str(archive), SECRET_KEY="bench", PYTHONPATH=str(ROOT))
    env.update(INSPECTION_TODAY=TODAY.isoformat(), HUEY_SQLITE=str(work / "huey.sqlite3"))
    argv = [str(Path(sys.executable).parent / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    argv += ["--threads", str(threads), "--no-control-socket", "--chdir", str(ROOT), "app:app"]
    log = open(work / f"gunicorn-{port}.log", "wb")  # noqa: SIM115 - kept open for the server's life
    proc = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                return proc, base
        except requests.RequestException:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"gunicorn did not start; see {log.name}")


class Client(threading.Thread):
    """One logged-in user running `kinds` until `stop` is set; records every request."""

    def __init__(self, base, number, task_ids, events, run_id, kinds=MIX):
        super().__init__(daemon=True)
        self.base, self.number, self.task_ids, self.run_id = base, number, task_ids, run_id
        self.go, self.stop = events
        self.ready = threading.Event()
        self.kinds = kinds
        self.rnd = random.Random(number)
        self.samples, self.errors, self.acked = [], [], []

    def run(self):
        s = requests.Session()
        try:
            page = s.get(f"{self.base}/login", timeout=60).text
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
            data = {"username": "theodoi", "password": "Demo@2026", "csrf_token": token}
            r = s.post(f"{self.base}/login", data=data, timeout=120, allow_redirects=False)
            if r.status_code != 302 or "/login" in r.headers.get("Location", "/login"):
                self.errors.append(f"login {r.status_code}")
                return
        except (requests.RequestException, AttributeError) as exc:
            self.errors.append(f"login: {exc}")
            return
        finally:
            self.ready.set()
        self.go.wait()
        names, weights = zip(*self.kinds)
        n = 0
        while not self.stop.is_set():
            kind = self.rnd.choices(names, weights)[0]
            n += 1
            self._one(s, kind, token, n)

    def _one(self, s, kind, token, n):
        task_id = self.rnd.choice(self.task_ids)
        start = time.perf_counter()
        try:
            if kind == "list":
                r, ok = s.get(f"{self.base}/register/tasks?page={self.rnd.randint(1, 20)}", timeout=120), 200
            elif kind == "search":
                r, ok = s.get(f"{self.base}/register/tasks", params={"q": self.rnd.choice(SEARCHES)}, timeout=120), 200
            elif kind == "task":
                r, ok = s.get(f"{self.base}/register/tasks/{task_id}", timeout=120), 200
            else:
                text = f"{self.run_id} {self.number}-{n}"
                data = {"on_date": TODAY.strftime("%d/%m/%Y"), "text": text, "csrf_token": token}
                url = f"{self.base}/register/tasks/{task_id}/progress"
                r, ok = s.post(url, data=data, timeout=120, allow_redirects=False), 302
                if r.status_code == ok and f"/register/tasks/{task_id}" in r.headers.get("Location", ""):
                    self.acked.append(text)
                elif r.status_code == ok:  # sent to the login page: not an update
                    ok = None
            if r.status_code != ok:
                self.errors.append(f"{kind} {r.status_code}")
        except requests.RequestException as exc:
            self.errors.append(f"{kind} {type(exc).__name__}")
        self.samples.append((kind, (time.perf_counter() - start) * 1000))


def run_clients(base, task_ids, count, seconds, run_id, kinds=MIX, during=None):
    """Run `count` clients for `seconds` (or until `during()` returns); return them and the wall time."""
    go, stop = threading.Event(), threading.Event()
    clients = [Client(base, i, task_ids, (go, stop), run_id, kinds) for i in range(count)]
    for c in clients:
        c.start()
    for c in clients:  # every login (a strong argon2 check each) before the clock starts
        c.ready.wait(600)
    start = time.perf_counter()
    go.set()
    result = during() if during else time.sleep(seconds)
    stop.set()
    for c in clients:
        c.join(180)
    return clients, time.perf_counter() - start, result


def lost_updates(app, clients, run_id):
    """Acknowledged updates missing from the database, plus texts stored more than once."""
    from inspection.db import db
    from inspection.register.models import ProgressUpdate

    acked = [t for c in clients for t in c.acked]
    with app.app_context(), db.connection_context():
        stored = [
            t
            for (t,) in ProgressUpdate.select(ProgressUpdate.text)
            .where(ProgressUpdate.text.startswith(run_id))
            .tuples()
        ]
    missing = len(set(acked) - set(stored))
    return len(acked), missing + (len(stored) - len(set(stored)))


def report(label, clients, seconds, app, run_id):
    samples = [ms for c in clients for _, ms in c.samples]
    errors = [e for c in clients for e in c.errors]
    acked, lost = lost_updates(app, clients, run_id)
    q = statistics.quantiles(samples, n=100)
    print(
        f"{label}: {len(samples)} requests in {seconds:.0f} s = {len(samples) / seconds:.1f} req/s, "
        f"p50 {q[49]:.0f} ms, p95 {q[94]:.0f} ms, errors {len(errors)}, "
        f"updates acknowledged {acked}, lost {lost}"
    )
    for kind, _ in MIX:
        ms = [m for c in clients for k, m in c.samples if k == kind]
        if len(ms) > 1:
            kq = statistics.quantiles(ms, n=100)
            print(f"  {kind:<7} {len(ms):6d} requests, p50 {kq[49]:6.0f} ms, p95 {kq[94]:6.0f} ms")
    if errors:
        print("  errors:", ", ".join(f"{e} x{errors.count(e)}" for e in sorted(set(errors))))
    return not errors and lost == 0


def backup_under_writes(base, task_ids, url, archive, work, app, writers):
    """Back up while `writers` clients record progress; print time, size and the copy's check."""
    from inspection import backup

    dest = work / f"backup-{int(time.time())}"
    run_id = f"bench-backup-{time.time():.0f}"

    def do_backup():
        start = time.perf_counter()
        manifest = backup.backup(dest, url, archive)
        return time.perf_counter() - start, manifest

    clients, _, (seconds, manifest) = run_clients(
        base, task_ids, writers, None, run_id, kinds=[("update", 1)], during=do_backup
    )
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    writes = sum(len(c.acked) for c in clients)
    errors = [e for c in clients for e in c.errors]
    acked, lost = lost_updates(app, clients, run_id)
    check = ""
    if manifest["database"]["kind"] == "sqlite":
        import sqlite3

        con = sqlite3.connect(dest / manifest["database"]["file"])
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        tasks = con.execute("SELECT count(*) FROM task").fetchone()[0]
        con.close()
        check = f", copy: integrity_check {integrity}, {tasks} tasks"
    print(
        f"backup under writes ({manifest['database']['kind']}): {seconds:.1f} s, {size / 1024 / 1024:.1f} MiB "
        f"({len(manifest['files'])} stored files), {writes} updates acknowledged meanwhile by {writers} writers, "
        f"errors {len(errors)}, lost {lost}{check}"
    )
    if errors:
        print("  errors:", ", ".join(f"{e} x{errors.count(e)}" for e in sorted(set(errors))))
    return lost == 0 and not errors


def bench(label, url, archive, work, args):
    app, task_ids = build(url, archive, args.tasks)
    proc, base = start_server(url, archive, work, args.workers, args.threads)
    try:
        run_id = f"bench-{label}-{time.time():.0f}"
        clients, seconds, _ = run_clients(base, task_ids, args.clients, args.seconds, run_id)
        ok = report(
            f"{label}, {args.tasks} tasks, gunicorn {args.workers}x{args.threads}, {args.clients} clients",
            clients,
            seconds,
            app,
            run_id,
        )
        ok = backup_under_writes(base, task_ids, url, archive, work, app, args.writers) and ok
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--writers", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-server-"))
    print(f"work folder {work}; load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    ok = bench("SQLite", f"sqlite:///{work / 'bench.sqlite3'}", work / "archive", work, args)
    pg = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL", "")
    if pg.startswith("postgres"):
        from inspection.db import make_database

        database = make_database(pg)
        with database.connection_context():
            database.execute_sql("DROP SCHEMA IF EXISTS public CASCADE")
            database.execute_sql("CREATE SCHEMA public")
        ok = bench("PostgreSQL", pg, work / "archive-pg", work, args) and ok
    else:
        print("PostgreSQL: skipped (set BENCH_DATABASE_URL to a throwaway database)")
    print(f"load average after: {os.getloadavg()[0]:.1f}; files left in {work} (delete when done)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
