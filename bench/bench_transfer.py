"""Transfer speed (issue 17). Prints numbers; asserts nothing.

The transfer list (Mục lục hồ sơ, tài liệu nộp lưu) of 1,000 dossiers and its handover record,
DOCX and PDF through the document engine (goal: under 10 s), timed from the database query to
the four files' bytes; peak RSS of this process. 1,000 closed permanent dossiers (and their
cases) are inserted directly into a fresh SQLite database, or built once into --db FILE and
reused by the next runs (best of 3 without rebuilding).
Usage: .venv/bin/python bench/bench_transfer.py [--dossiers 1000] [--db FILE]
"""

import argparse
import datetime
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(n):
    """Insert n closed, archived, permanent dossiers with their cases; return a transfer of them."""
    from inspection.cases.models import InspectionCase
    from inspection.db import db
    from inspection.disposition.models import Transfer, TransferItem
    from inspection.dossier.models import CLOSED, Dossier

    now = datetime.datetime(2026, 6, 30, 9)
    with db.atomic():
        InspectionCase.insert_many(
            [{"title": f"Kiểm tra việc thực hiện nhiệm vụ tại đơn vị số {i + 1}", "created_at": now} for i in range(n)]
        ).execute()
        cases = [c.id for c in InspectionCase.select(InspectionCase.id).order_by(InspectionCase.id)]
        Dossier.insert_many(
            [
                {
                    "case": case,
                    "code": f"KT-{2015 + i % 8}-{i + 1:04d}",
                    "title": f"Hồ sơ kiểm tra: Kiểm tra việc thực hiện nhiệm vụ tại đơn vị số {i + 1}",
                    "year": 2015 + i % 8,
                    "retention": "Vĩnh viễn",
                    "state": CLOSED,
                    "start_on": datetime.date(2015 + i % 8, 3, 2),
                    "end_on": datetime.date(2015 + i % 8, 3, 13),
                    "units_text": "Chi cục Kiểm lâm",
                    "archived_at": now,
                    "package_name": f"kt-{i + 1:04d}",
                    "page_count": 40 + i % 60,
                    "created_at": now,
                }
                for i, case in enumerate(cases)
            ]
        ).execute()
        t = Transfer.create(archive_name="Lưu trữ lịch sử tỉnh Quảng Ngãi")
        TransferItem.insert_many(
            [{"transfer": t.id, "dossier": d.id, "position": p} for p, d in enumerate(Dossier.select(Dossier.id))]
        ).execute()
    return t


def _existing():
    """The transfer a previous run built into the --db file."""
    from inspection.disposition.models import Transfer

    return Transfer.select().order_by(Transfer.id.desc()).get()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--db", help="SQLite file: built on the first run, reused afterwards")
    args = parser.parse_args()
    from inspection import create_app
    from inspection.db import db, migrate
    from inspection.disposition import transfer
    from inspection.documents import render_pdf

    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(args.db).resolve() if args.db else Path(tmp) / "bench.sqlite3"
        reuse = db_file.exists()
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{db_file}",
                "ARCHIVE_DIR": f"{tmp}/archive",
                "INSTANCE_PATH": f"{tmp}/instance",
                "SECRET_KEY": "bench",
            }
        )
        with app.app_context():
            migrate()
            with db.connection_context():
                t = _existing() if reuse else build(args.dossiers)
                render_pdf(
                    "transfer_list",
                    __import__("inspection.documents", fromlist=["kinds"]).kinds.get("transfer_list").sample,
                )  # warm fonts
                start, cpu = time.perf_counter(), time.process_time()
                dossiers = transfer.items(t)
                files = transfer.render_documents(t, dossiers, None, datetime.date(2026, 10, 15))
                seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sizes = ", ".join(f"{name} {len(data) / 1024:.0f} KB" for name, data in files.items())
    print(
        f"transfer list + handover record of {len(dossiers)} dossiers, DOCX and PDF: {seconds:.2f} s wall, "
        f"{cpu:.2f} s CPU (goal < 10 s), peak RSS {rss:.0f} MB; {sizes}"
    )


if __name__ == "__main__":
    main()
