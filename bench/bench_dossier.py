"""Dossier speed (issue 6). Prints numbers; asserts nothing.

  1. assembly of a dossier of 50 documents and 300 pages (cover, TOC, closing certificate
     rendered by the document engine; stored PDFs merged, never re-rendered; page numbers
     stamped; bookmarks), in a child process so its time and peak RSS are its own
     (goal < 20 s and < 500 MB);
  2. `archive verify` over 1,000 BagIt packages (time, packages per second).
Usage: .venv/bin/python bench/bench_dossier.py [--docs 50] [--pages 300] [--packages 1000]
"""

import argparse
import datetime
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

META = {
    "parent_agency": "UBND TỈNH QUẢNG NGÃI",
    "agency": "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
    "agency_abbr": "SNN",
    "unit_name": "VĂN PHÒNG SỞ",
    "dossier_code": "KT-2026-050",
    "code": "KT-2026-050",
    "title": "Hồ sơ kiểm tra (benchmark)",
    "year": "2026",
    "retention": "20 năm",
    "start_date": "02/03/2026",
    "end_date": "13/03/2026",
    "units": "Chi cục Kiểm lâm",
    "features": "Tài liệu điện tử",
    "place_date": "Quảng Ngãi, ngày 20 tháng 3 năm 2026",
    "date_line": "Quảng Ngãi, ngày 20 tháng 3 năm 2026",
    "creator": "Phạm Minh Tuấn",
    "creator_name": "Phạm Minh Tuấn",
    "creator_title": "NGƯỜI LẬP HỒ SƠ",
    "closing_date": "2026-03-20",
}


def make_documents(folder, docs, pages):
    """Write `docs` distinct PDFs sharing `pages` pages between them (text pages, A4)."""
    from weasyprint import HTML

    per = pages // docs
    paths = []
    base = HTML(
        string="".join(
            f'<p style="page-break-after: always">Trang {i + 1}: ' + "Nội dung văn bản. " * 120 + "</p>"
            for i in range(per)
        )
    ).write_pdf()
    for n in range(docs):
        path = Path(folder, f"doc{n:03d}.pdf")
        # Same pages, distinct files (a trailing comment changes the bytes, not the pages).
        path.write_bytes(base + f"\n% document {n}\n".encode())
        paths.append(str(path))
    return paths


def child_assemble(folder, docs, pages):
    from inspection.documents import render_pdf
    from inspection.dossier.assembly import AssemblyItem, assemble

    paths = make_documents(folder, docs, pages)
    items = [
        AssemblyItem(
            component=min(8, 1 + n * 8 // docs),
            title=f"Văn bản số {n + 1}",
            path=p,
            mime="application/pdf",
            number_symbol=f"{n + 1:02d}/BC-SNN",
            date=datetime.date(2026, 3, 1),
            author="Sở NN&MT",
        )
        for n, p in enumerate(paths)
    ]
    render_pdf("dossier_cover", {**META, "sheets": "01"})  # warm the engine (fonts)
    t = time.perf_counter()
    done = assemble(items, META, str(Path(folder, "ho-so.pdf")), render_pdf)
    seconds = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = os.path.getsize(Path(folder, "ho-so.pdf")) / 1024 / 1024
    print(
        f"assembly: {docs} documents, {done.page_count} pages in all (TOC {done.toc_pages} p.), "
        f"{seconds:.2f} s, peak RSS {rss:.0f} MB, output {size:.1f} MB (goal < 20 s, < 500 MB)"
    )


def bench_verify(count):
    from inspection.dossier import archive

    with tempfile.TemporaryDirectory() as tmp:
        src = []
        for i in range(3):
            p = Path(tmp, f"src{i}.bin")
            p.write_bytes(os.urandom(20_000))
            src.append(p)
        t = time.perf_counter()
        for n in range(count):
            archive.write_package(
                tmp,
                f"kt-{n:05d}",
                [(f"originals/1/{i}.pdf", str(p)) for i, p in enumerate(src)],
                {"n": n},
                {"Dossier-Code": f"KT-{n}"},
            )
        made = time.perf_counter() - t
        t = time.perf_counter()
        report = archive.verify_all(tmp)
        seconds = time.perf_counter() - t
        print(f"archive write: {count} packages in {made:.1f} s")
        print(
            f"archive verify: {len(report.checks)} packages (4 payload files each), {seconds:.2f} s, "
            f"{len(report.checks) / seconds:.0f} packages/s, all intact: {report.ok}"
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=50)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--packages", type=int, default=1000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_assemble(args.child, args.docs, args.pages)
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, __file__, "--child", tmp, "--docs", str(args.docs), "--pages", str(args.pages)], check=True
        )
    bench_verify(args.packages)


if __name__ == "__main__":
    main()
