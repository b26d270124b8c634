"""Register speed with 100,000 tasks in SQLite (issue 3). Prints numbers; asserts nothing.

Measures, in this order:
  1. import of a generated 10,000-row sheet in the Office's layout (parse + commit), in a
     child process so its time and peak memory are its own (goal < 10 s);
  2. bulk load up to 100,000 tasks (not timed as a goal: only to have the volume);
  3. the register list, each filter and the search through the Flask test client
     (median ms of several requests; goal < 150 ms);
  4. the home page status counts in SQL (median ms; goal < 100 ms);
  5. export of the 100,000 rows with openpyxl write-only, in a child process
     (seconds and peak RSS; goal < 20 s and < 500 MB).
Usage: .venv/bin/python bench/bench_register.py [--tasks 100000] [--sheet-rows 10000]
"""

import argparse
import datetime
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = datetime.date(2026, 11, 19)
HEADER_TOP = [
    "STT",
    "Văn bản giao nhiệm vụ",
    None,
    None,
    None,
    "Ngày nhận",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Phòng, chuyên viên theo dõi",
    "Thời hạn",
    "Tình hình thực hiện",
    "Ghi chú",
]
HEADER_SUB = [None, "Số, ký hiệu", "Ngày ban hành", "Cơ quan ban hành", "Trích yếu"] + [None] * 8
ISSUERS = [("UBND tỉnh", "UBND"), ("Chủ tịch UBND tỉnh", "UBND"), ("Văn phòng UBND tỉnh", "VP"), ("Giám đốc Sở", "SNN")]
TOPICS = [
    "phòng, chống dịch tả lợn châu Phi",
    "chi trả dịch vụ môi trường rừng",
    "kiểm tra an toàn hồ đập mùa mưa lũ",
    "cải cách hành chính và chuyển đổi số",
    "trồng rừng thay thế",
    "giải ngân vốn đầu tư công",
    "cấp mã số vùng trồng sâm Ngọc Linh",
    "Chương trình MTQG xây dựng nông thôn mới",
    "hạ tầng thủy lợi",
]
VERBS = [
    "Tham mưu UBND tỉnh ban hành Kế hoạch",
    "Báo cáo UBND tỉnh kết quả thực hiện",
    "Tổng hợp, đề xuất UBND tỉnh phương án",
    "Hướng dẫn các huyện triển khai",
]
STATES = [
    "",
    "Chưa thực hiện",
    "Đang thực hiện",
    "Đã hoàn thành",
    "Đã báo cáo UBND tỉnh tại Văn bản số 2315/SNN-KHTC ngày 12/10/2026",
]


def make_app(db_path):
    from inspection import create_app

    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{db_path}",
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "ARCHIVE_DIR": str(Path(db_path).parent / "archive"),
        }
    )


def peak_mib():
    """Peak resident memory of this process image (VmHWM: ru_maxrss would carry the parent's
    peak across fork+exec)."""
    try:
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the generated sheet ----------------------------------------------------------------


def write_sheet(path, rows, spellings, rnd):
    """A sheet laid out as the Office's own (title, two-level header, sections), write-only."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Theo dõi nhiệm vụ")
    for line in (
        ["UBND TỈNH QUẢNG NGÃI"],
        ["SỞ NÔNG NGHIỆP VÀ PTNT"],
        [],
        ["BẢNG THEO DÕI TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM 2026"],
        ["(Cập nhật đến ngày 19/11/2026)"],
        [],
    ):
        ws.append(line)
    ws.append(HEADER_TOP)
    ws.append(HEADER_SUB)
    ws.append(["I. NHIỆM VỤ CÓ THỜI HẠN"])
    for i in range(1, rows + 1):
        issuer, agency = ISSUERS[i % len(ISSUERS)]
        issued = datetime.date(2026, 1, 1) + datetime.timedelta(days=rnd.randrange(300))
        received = issued + datetime.timedelta(days=rnd.randrange(4))
        deadline = received + datetime.timedelta(days=rnd.randrange(5, 90))
        topic = rnd.choice(TOPICS)
        lead = rnd.choice(spellings)
        others = "; ".join(rnd.sample([s for s in spellings if s != lead], rnd.randrange(3)))
        ws.append(
            [
                i,
                f"{i}/{agency}-NNTN",
                issued.strftime("%d/%m/%Y") if i % 2 else issued,
                issuer,
                f"V/v {topic}",
                received if i % 3 else received.strftime("%d/%m/%y"),
                f"{rnd.choice(VERBS)} {topic} (mục {i})",
                f"  {lead} ",
                others,
                "Văn phòng Sở - Trần Văn Bình",
                rnd.choice([deadline, f"Trước ngày {deadline:%d/%m/%Y}", "Không thời hạn", "Hằng tháng"]),
                rnd.choice(STATES),
                None,
            ]
        )
    ws.append(["Tổng cộng", None, None, None, None, None, f"{rows} nhiệm vụ"])
    wb.save(path)


def child_import(db_path, sheet_path):
    """Child process: parse and commit the sheet; print seconds and peak memory."""
    from inspection.calendar.service import current_calendar
    from inspection.db import db
    from inspection.register import excel_import, import_ops

    app = make_app(db_path)
    with app.app_context(), db.connection_context():
        start, start_cpu = time.perf_counter(), time.process_time()
        header, _, result = excel_import.read_sheet(sheet_path, import_ops.active_units())
        parsed = time.perf_counter() - start
        summary = import_ops.commit_import(None, result, as_of=header.as_of, calendar=current_calendar(), today=TODAY)
        total, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    print(
        f"import {len(result.rows)} rows ({len(result.errors)} errors): parse {parsed:.2f} s, "
        f"total {total:.2f} s wall, {cpu:.2f} s CPU (goal < 10 s), {summary.tasks_created} tasks created, "
        f"peak {peak_mib():.0f} MiB"
    )


def child_export(db_path, out_path):
    """Child process: export the whole ordinary register; print seconds, rows and peak memory."""
    from inspection.db import db
    from inspection.register import queries
    from inspection.register.excel_cli import OFFICE_VIEW, write_export

    app = make_app(db_path)
    with app.app_context(), db.connection_context():
        start, start_cpu = time.perf_counter(), time.process_time()
        n = write_export(out_path, OFFICE_VIEW, queries.Filters())
        seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    size = os.path.getsize(out_path) / 1024 / 1024
    print(
        f"export {n} rows: {seconds:.2f} s wall, {cpu:.2f} s CPU (goal < 20 s), file {size:.1f} MiB, "
        f"peak {peak_mib():.0f} MiB (goal < 500 MB, whole process)"
    )


def run_child(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, __file__, *args], env=env, cwd=ROOT)
    if proc.returncode:
        raise SystemExit(proc.returncode)


# --- bulk volume ------------------------------------------------------------------------


def bulk_load(target, rnd):
    """Insert tasks (with documents and unit links) until the register holds `target` tasks."""
    from inspection.accounts.models import Unit
    from inspection.db import db
    from inspection.register import rules
    from inspection.register.models import DirectiveDocument, Task, TaskUnit, document_keys, task_search_text
    from inspection.workdays import WorkCalendar

    cal = WorkCalendar()
    unit_ids = [u.id for u in Unit.select(Unit.id)]
    have = Task.select().count()
    start = time.perf_counter()
    base = 900_000
    with db.atomic():
        n = 0
        while have + n < target:
            docs, per_doc = [], []
            for _ in range(500):
                issued = datetime.date(2025, 6, 1) + datetime.timedelta(days=rnd.randrange(540))
                received = issued + datetime.timedelta(days=rnd.randrange(3))
                number = f"{base + n}/UBND-KTTH"
                secret = "mat" if rnd.random() < 0.01 else ""
                abstract = "" if secret else f"V/v {rnd.choice(TOPICS)}"
                docs.append(
                    dict(
                        number_symbol=number,
                        doc_type=rnd.choice(["cong_van", "quyet_dinh", "ke_hoach"]),
                        issuer_kind=rnd.choice(["ubnd_tinh", "chu_tich", "vp_ubnd_tinh", "giam_doc"]),
                        issuer_name="",
                        issued_on=issued,
                        received_on=received,
                        abstract=abstract,
                        secret_level=secret,
                        channel="eoffice",
                        is_complex=False,
                        **document_keys(number, "ubnd_tinh", "", issued),
                    )
                )
                per_doc.append(rnd.randrange(1, 4))
                n += per_doc[-1]
            DirectiveDocument.insert_many(docs).execute()
            numbers = [d["number_symbol"] for d in docs]
            ids = dict(
                DirectiveDocument.select(DirectiveDocument.number_symbol, DirectiveDocument.id)
                .where(DirectiveDocument.number_symbol.in_(numbers))
                .tuples()
            )
            tasks = []
            for d, count in zip(docs, per_doc):
                for k in range(count):
                    tasks.append(_task_row(rnd, cal, rules, d, ids[d["number_symbol"]], k, unit_ids, task_search_text))
            for i in range(0, len(tasks), 150):
                Task.insert_many(tasks[i : i + 150]).execute()
            new_ids = [tid for (tid,) in Task.select(Task.id).where(Task.document.in_(list(ids.values()))).tuples()]
            links = [
                dict(task=tid, unit=rnd.choice(unit_ids), role="cooperate") for tid in new_ids if rnd.random() < 0.4
            ]
            for i in range(0, len(links), 300):
                TaskUnit.insert_many(links[i : i + 300]).on_conflict_ignore().execute()
    print(
        f"bulk load: {Task.select().count()} tasks, {DirectiveDocument.select().count()} documents, "
        f"{TaskUnit.select().count()} unit links in {time.perf_counter() - start:.1f} s"
    )


def _task_row(rnd, cal, rules, d, doc_id, k, unit_ids, search_text):
    received = d["received_on"]
    deadline = None if rnd.random() < 0.15 else received + datetime.timedelta(days=rnd.randrange(5, 120))
    state = rnd.random()
    completed = state < 0.45
    summary = "" if d["secret_level"] else f"{rnd.choice(VERBS)} {rnd.choice(TOPICS)} ({k + 1})"
    completed_on = received + datetime.timedelta(days=rnd.randrange(1, 130)) if completed else None
    registered = received + datetime.timedelta(days=rnd.randrange(3))
    return dict(
        document=doc_id,
        summary=summary,
        kind="other",
        lead_unit=rnd.choice(unit_ids),
        deadline=deadline,
        original_deadline=deadline,
        is_key=rnd.random() < 0.05,
        registered_on=registered,
        registration_due_on=rules.registration_due(received, False, cal),
        started_on=received if 0.45 <= state < 0.8 else None,
        is_completed=completed,
        completed_on=completed_on,
        returned_on=received if state > 0.99 else None,
        is_secret=bool(d["secret_level"]),
        search_text="" if d["secret_level"] else search_text(d["number_symbol"], d["abstract"], summary),
    )


# --- reading ------------------------------------------------------------------------------


def median_ms(fn, repeat=7):
    """Median wall and CPU milliseconds of `fn` (CPU time shows the cost on a busy machine)."""
    fn()  # warm caches
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def bench_pages(app, unit_id):
    client = app.test_client()
    r = client.post("/login", data={"username": "theodoi", "password": "Demo@2026"})
    assert r.status_code == 302, "bench login failed"
    filters = {
        "list (no filter)": "",
        "search q=ha tang": "q=ha+tang",
        "search q=sam ngoc linh": "q=sam+ngoc+linh",
        "status=dang_qua_han": "status=dang_qua_han",
        "status=xong_dung_han": "status=xong_dung_han",
        "unit": f"unit={unit_id}",
        "issuer=chu_tich": "issuer=chu_tich",
        "doc_type=quyet_dinh": "doc_type=quyet_dinh",
        "received period": "received_from=01/01/2026&received_to=31/03/2026",
        "deadline range": "deadline_from=01/10/2026&deadline_to=31/12/2026",
        "key tasks": "key=1",
        "overdue": "overdue=1",
        "due soon": "due_soon=1",
        "late registration": "late_reg=1",
        "sort -received": "sort=-received",
        "sort unit": "sort=unit",
        "page 50": "page=50",
    }
    print("register list through the test client (median of 7 wall / CPU, goal < 150 ms):")
    for label, qs in filters.items():

        def get(qs=qs):
            resp = client.get(f"/register/tasks?{qs}")
            assert resp.status_code == 200, resp.status_code

        print("  {:<24} {:7.1f} ms / {:7.1f} ms".format(label, *median_ms(get)))
    print("  {:<24} {:7.1f} ms / {:7.1f} ms".format("home page (/)", *median_ms(lambda: client.get("/"))))


def bench_counts():
    from inspection.accounts.models import User
    from inspection.register import queries

    user = User.get(User.username == "theodoi")
    wall, cpu = median_ms(lambda: queries.status_counts(user, TODAY))
    print(f"home status counts (SQL GROUP BY, median of 7): {wall:.1f} ms wall, {cpu:.1f} ms CPU (goal < 100 ms)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--sheet-rows", type=int, default=10_000)
    parser.add_argument("--child", nargs=3)
    args = parser.parse_args()
    if args.child:
        mode, db_path, file_path = args.child
        return child_import(db_path, file_path) if mode == "import" else child_export(db_path, file_path)

    from inspection.accounts.models import Unit
    from inspection.db import db, migrate
    from inspection.demo import seed_foundation

    rnd = random.Random(2026)
    work = Path(tempfile.mkdtemp(prefix="bench-register-"))
    db_path = work / "bench.sqlite3"
    app = make_app(db_path)
    with app.app_context():
        migrate()
        with db.connection_context():
            seed_foundation({})
            spellings = [s for u in Unit.select() for s in [u.name, u.abbreviation, *u.alias_list] if s]
    print(f"database: {db_path}; load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    sheet = work / "sheet.xlsx"
    start = time.perf_counter()
    write_sheet(sheet, args.sheet_rows, spellings, rnd)
    print(
        f"generated {args.sheet_rows}-row sheet in {time.perf_counter() - start:.1f} s "
        f"({sheet.stat().st_size / 1024:.0f} KiB)"
    )
    run_child("--child", "import", str(db_path), str(sheet))
    with app.app_context():
        with db.connection_context():
            bulk_load(args.tasks, rnd)
            db.execute_sql("ANALYZE")
            unit_id = Unit.get(Unit.abbreviation == "CCKL").id
        bench_pages(app, unit_id)  # each request opens and closes its own connection
        with db.connection_context():
            bench_counts()
    run_child("--child", "export", str(db_path), str(work / "export.xlsx"))
    print(f"files left in {work} (delete when done)")


if __name__ == "__main__":
    main()
