"""Document rendering speed: median DOCX and PDF time per kind over 20 renders, peak memory,
a 50-page report PDF, and (when LibreOffice is installed) the edited-template path: soffice's
DOCX->PDF conversion time per kind, and its ratio to WeasyPrint.
"""

import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import io  # noqa: E402

from pypdf import PdfReader  # noqa: E402

from inspection.documents import kinds, office, render_docx, render_pdf  # noqa: E402

RUNS = 20


def median_ms(fn, runs=RUNS):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


UNITS = [
    "Văn phòng Sở",
    "Thanh tra Sở",
    "Phòng Tổ chức cán bộ",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Quản lý xây dựng công trình",
    "Chi cục Kiểm lâm",
    "Chi cục Thủy lợi",
    "Chi cục Chăn nuôi và Thú y",
    "Chi cục Trồng trọt và Bảo vệ thực vật",
    "Chi cục Phát triển nông thôn",
    "Trung tâm Khuyến nông",
    "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn",
    "Văn phòng Điều phối Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
]


def realistic_fifty_page_context():
    """A periodic report as the Office would issue it: the statistics of the Department's 13 units
    and a long list of 190 overdue tasks with their full wording and reasons (50 pages)."""
    ctx = kinds.get("periodic_report").sample
    ctx["stats"] = [dict(ctx["stats"][i % 2], unit=unit) for i, unit in enumerate(UNITS)]
    ctx["overdue_tasks"] = [
        {
            "document": f"{1000 + i}/UBND-NNTN ngày 10/12/2025",
            "task": "Tham mưu UBND tỉnh ban hành Kế hoạch phòng, chống dịch tả lợn châu Phi và các bệnh truyền "
            "nhiễm nguy hiểm trên đàn gia súc, gia cầm giai đoạn 2026-2030",
            "unit": UNITS[i % len(UNITS)],
            "deadline": "31/12/2025",
            "reason": "Chờ ý kiến góp ý của các sở, ngành và UBND các huyện, thành phố; đang tổng hợp, hoàn thiện dự thảo",
        }
        for i in range(190)
    ]
    return ctx


def fifty_page_context():
    """The densest case: a 1,600-row statistics table (48 pages of one-line rows)."""
    k = kinds.get("periodic_report")
    ctx = k.sample
    ctx["stats"] = [dict(ctx["stats"][i % 2], unit=f"Đơn vị số {i}") for i in range(1600)]
    return ctx


def time_large_report(label, ctx):
    start = time.perf_counter()
    pdf = render_pdf("periodic_report", ctx)
    elapsed = time.perf_counter() - start
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    # Peak memory of the whole process so far (tracemalloc would slow WeasyPrint several times over).
    print(
        f"{label}: {pages} pages PDF in {elapsed:.2f} s, process peak RSS "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


def soffice_times(pdf_times, runs=5):
    """Edited-template path: LibreOffice converts the rendered DOCX (documents.office, a fresh
    throwaway profile per call, exactly as the app runs it); median per kind and the ratio."""
    if not office.available():
        print("soffice: LibreOffice not installed, conversion not measured")
        return
    print(f"{'kind (edited template)':22} {'soffice ms':>10} {'ratio':>6} {'pages':>5}")
    for k in kinds.all_kinds():
        docx = render_docx(k.name, k.sample)
        t = median_ms(lambda: office.convert_to_pdf(docx, "docx"), runs=runs)
        pages = len(PdfReader(io.BytesIO(office.convert_to_pdf(docx, "docx"))).pages)
        print(f"{k.name:22} {t:10.0f} {t / pdf_times[k.name]:5.1f}x {pages:5d}")
    docx = render_docx("periodic_report", fifty_page_context())
    start = time.perf_counter()
    pdf = office.convert_to_pdf(docx, "docx")
    print(
        f"large periodic report via soffice: {len(PdfReader(io.BytesIO(pdf)).pages)} pages in "
        f"{time.perf_counter() - start:.2f} s"
    )


def main():
    start = time.perf_counter()
    render_pdf("urging_letter", kinds.get("urging_letter").sample)
    print(f"first PDF render (fonts, CSS): {(time.perf_counter() - start) * 1000:.0f} ms")
    print(f"{'kind':22} {'DOCX ms':>8} {'PDF ms':>8} {'pages':>5}")
    pdf_times = {}
    for k in kinds.all_kinds():
        ctx = k.sample
        d = median_ms(lambda: render_docx(k.name, ctx))
        p = median_ms(lambda: render_pdf(k.name, ctx))
        pages = len(PdfReader(io.BytesIO(render_pdf(k.name, ctx))).pages)
        pdf_times[k.name] = p
        print(f"{k.name:22} {d:8.1f} {p:8.1f} {pages:5d}")
    # Realistic report first: the process peak only grows, so the dense case can't hide in it.
    time_large_report(
        "periodic report, 13 units + 190 overdue tasks (goal < 5 s, < 400 MB)", realistic_fifty_page_context()
    )
    time_large_report("densest case, 1,600-row statistics table", fifty_page_context())
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    soffice_times(pdf_times)


if __name__ == "__main__":
    main()
