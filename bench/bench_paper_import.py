"""Import of past paper dossiers (issue 17). Prints numbers; asserts nothing.

Generates N digitised dossiers of P scanned pages each (one PDF of JPEG pages per dossier,
written to a temporary folder, never kept in the repository), a sheet of their metadata and
a ZIP of the scans, then runs the all-or-nothing import: check every row and scan, then
register every dossier in one transaction with its BagIt package (goal: 200 dossiers of 50
pages under 5 minutes and 1 GB).
Usage: .venv/bin/python bench/bench_paper_import.py [--dossiers 200] [--pages 50]
"""

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_register import make_app, peak_mib  # noqa: E402


def page_jpeg(text):
    from PIL import Image, ImageDraw

    img = Image.new("L", (827, 1169), 255)  # A4 at 100 dpi, grey: a typical office scan
    draw = ImageDraw.Draw(img)
    for y in range(120, 1100, 28):
        draw.line((80, y, 740, y), fill=170)
    draw.text((80, 60), text, fill=0)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=60)
    return buf.getvalue()


def make_batch(work, dossiers, pages):
    """Write the sheet and the ZIP; return their paths and the ZIP's size."""
    import img2pdf
    from openpyxl import Workbook

    from inspection.dossier import paper_import

    base = [page_jpeg(f"Trang {p + 1}") for p in range(pages - 1)]
    wb = Workbook()
    wb.active.append([label for _k, label in paper_import.COLUMNS])
    zip_path = work / "quet.zip"
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_STORED) as z:
        for n in range(dossiers):
            code = f"KT-{2000 + n % 20}-{n:04d}"
            pdf = img2pdf.convert([page_jpeg(f"Ho so {code} - bia")] + base)
            z.writestr(f"{code.lower()}.pdf", pdf)
            wb.active.append(
                [code, f"Hồ sơ kiểm tra số {n}", f"02/03/{2000 + n % 20}", f"30/11/{2000 + n % 20}",
                 "Chi cục Kiểm lâm", pages, "KT-KH", f"K{n % 9}", f"H{n:03d}", f"{code.lower()}.pdf"]
            )  # fmt: skip
    sheet = work / "bang-ke.xlsx"
    wb.save(sheet)
    return sheet, zip_path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=200)
    parser.add_argument("--pages", type=int, default=50)
    args = parser.parse_args()

    from inspection.accounts import roles
    from inspection.accounts.models import User
    from inspection.db import db, migrate
    from inspection.dossier import paper_import
    from inspection.dossier.models import Dossier

    work = Path(tempfile.mkdtemp(prefix="bench-paper-"))
    try:
        app = make_app(work / "bench.sqlite3")
        with app.test_request_context(), db.connection_context():
            migrate()
            user = User.create(username="luutru", full_name="Lưu trữ viên", password_hash="x", roles=roles.ARCHIVIST)
            t0 = time.perf_counter()
            sheet, zip_path = make_batch(work, args.dossiers, args.pages)
            t1 = time.perf_counter()
            print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            print(f"generated {args.dossiers} dossiers x {args.pages} pages in {t1 - t0:.1f} s; "
                  f"ZIP {zip_path.stat().st_size / 2**20:.0f} MiB")  # fmt: skip
            with open(zip_path, "rb") as fh:
                checked, count = paper_import.run(user, str(sheet), fh)
            t2 = time.perf_counter()
            assert checked.ok and count == args.dossiers, checked.errors[:3]
            pages = sum(d.page_count for d in Dossier.select(Dossier.page_count))
        print(f"imported {count} dossiers ({pages} package pages) in {t2 - t1:.1f} s, "
              f"{(t2 - t1) / count:.2f} s a dossier (goal < 300 s)")  # fmt: skip
        print(f"peak memory {peak_mib():.0f} MiB (goal < 1024 MiB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
