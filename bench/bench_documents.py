"""Document rendering speed: median DOCX and PDF time per kind over 20 renders, peak memory,
a 50-page report PDF, and (when LibreOffice is installed) soffice's DOCX->PDF time for comparison.
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inspection.documents import kinds, render_docx, render_pdf  # noqa: E402
from pypdf import PdfReader  # noqa: E402
import io  # noqa: E402

RUNS = 20


def median_ms(fn, runs=RUNS):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def fifty_page_context():
    k = kinds.get('periodic_report')
    ctx = k.sample
    ctx["stats"] = [dict(ctx["stats"][i % 2], unit=f"Đơn vị số {i}") for i in range(1600)]
    return ctx


def soffice_ratio(docx, ours_ms):
    soffice = shutil.which('soffice') or shutil.which('libreoffice')
    if not soffice:
        print('soffice: LibreOffice not installed, ratio not measured')
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / 'doc.docx'
        src.write_bytes(docx)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([soffice, '--headless', '--convert-to', 'pdf', '--outdir', tmp, str(src)],
                           check=True, capture_output=True, env=dict(os.environ, HOME=tmp))
            times.append((time.perf_counter() - start) * 1000)
    theirs = statistics.median(times)
    print(f'soffice --convert-to pdf: {theirs:.0f} ms; ours {ours_ms:.0f} ms; ratio {theirs / ours_ms:.1f}x')


def main():
    start = time.perf_counter()
    render_pdf('urging_letter', kinds.get('urging_letter').sample)
    print(f'first PDF render (fonts, CSS): {(time.perf_counter() - start) * 1000:.0f} ms')
    print(f"{'kind':22} {'DOCX ms':>8} {'PDF ms':>8} {'pages':>5}")
    pdf_times = {}
    for k in kinds.all_kinds():
        ctx = k.sample
        d = median_ms(lambda: render_docx(k.name, ctx))
        p = median_ms(lambda: render_pdf(k.name, ctx))
        pages = len(PdfReader(io.BytesIO(render_pdf(k.name, ctx))).pages)
        pdf_times[k.name] = p
        print(f'{k.name:22} {d:8.1f} {p:8.1f} {pages:5d}')
    ctx = fifty_page_context()
    start = time.perf_counter()
    pdf = render_pdf('periodic_report', ctx)
    elapsed = time.perf_counter() - start
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    # Peak memory of the whole process (tracemalloc would slow WeasyPrint several times over).
    print(f'large periodic report: {pages} pages PDF in {elapsed:.2f} s, process peak RSS '
          f'{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB')
    print(f'load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores')
    soffice_ratio(render_docx('inspection_decision', kinds.get('inspection_decision').sample),
                  pdf_times['inspection_decision'])


if __name__ == '__main__':
    main()
