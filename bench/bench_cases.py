"""Inspection cases: time of the case list (visible_cases + page), the full case page with a
200-task scope, and issuing a decision (render + number + store), on a seeded SQLite file."""

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inspection import create_app  # noqa: E402
from inspection.db import migrate  # noqa: E402


def median_ms(fn, runs=10):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    root = Path(tempfile.mkdtemp(prefix="bench-cases-"))
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{root / 'b.sqlite3'}",
            "ARCHIVE_DIR": str(root / "a"),
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "TESTING": True,
        }
    )
    with app.app_context():
        migrate()
        from inspection.demo import seed_demo

        ctx = seed_demo()
        from inspection.cases import issuing, rules
        from inspection.cases import operations as ops
        from inspection.cases.queries import signer
        from inspection.register.models import Task

        users, units = ctx["users"], ctx["units"]
        chief = users["chanhvanphong"]
        for i in range(300):
            ops.create_case(
                chief,
                title=f"Cuộc kiểm tra thử {i}",
                ground=rules.GROUND_BOARD,
                ground_reference="Chỉ đạo",
                unit_ids=[units["CCTL"].id],
            )
        big = ops.create_case(
            chief,
            title="Kiểm tra lớn",
            ground=rules.GROUND_BOARD,
            ground_reference="Chỉ đạo",
            unit_ids=[units["CCTT&BVTV"].id],
            legal_grounds="Căn cứ Quy chế",
            content_items=",".join(rules.CONTENT_ITEMS),
            start_on=ops.today(),
            end_on=ops.today(),
        )
        ids = [t.id for t in Task.select(Task.id).where(Task.is_secret == False).limit(200)]  # noqa: E712
        ops.add_scope_tasks(big, chief, ids)
        ops.add_member(big, chief, rules.LEADER, member_user=users["phogiamdoc"])
        client = app.test_client()
        client.post("/login", data={"username": "chanhvanphong", "password": "Demo@2026"})
        print(f"case list, 303 cases:            {median_ms(lambda: client.get('/cases/')):8.1f} ms")
        print(f"case page, 200 tasks in scope:   {median_ms(lambda: client.get(f'/cases/{big.id}')):8.1f} ms")
        start = time.perf_counter()
        issuing.issue_decision(big, users["giamdoc"], signer("director"))
        print(f"issue decision (200 tasks, QĐ):  {(time.perf_counter() - start) * 1000:8.1f} ms")
        print(f"case page after freeze:          {median_ms(lambda: client.get(f'/cases/{big.id}')):8.1f} ms")


if __name__ == "__main__":
    main()
