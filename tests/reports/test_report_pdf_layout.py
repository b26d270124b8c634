"""The periodic report's overdue list keeps fixed column widths in the PDF (issue 13 speed, R-20.2).

WeasyPrint's automatic table layout measured each of the yearly report's 1,000 overdue rows
before laying them out (a third of the ≈ 90-page PDF's time); the list now declares the widths
that layout gave (`table-layout: fixed`), so a 4-digit number and a dd/mm/yyyy deadline still
stand on one line, as in the Word copy whose columns have the same widths.
"""

import gc
import io
import re

from pypdf import PdfReader

from inspection.documents import build_templates, kinds, render_pdf
from inspection.documents.blocks import Col, Table
from inspection.documents.bodies import BODIES
from inspection.documents.layout import TEMPLATES_DIR
from inspection.documents.render import html_string


def _overdue_table():
    return next(b for b in BODIES["periodic_report"] if isinstance(b, Table) and b.seq == "overdue_tasks")


def test_R_20_2_the_overdue_list_is_a_fixed_table_in_the_shipped_template():
    assert _overdue_table().fixed
    html = (TEMPLATES_DIR / "periodic_report" / "template.html").read_text(encoding="utf-8")
    assert '<table class="grid fixed"><colgroup><col style="width:6.58%">' in html
    assert "table.grid.fixed { table-layout: fixed; }" in (TEMPLATES_DIR / "_frame" / "frame.css").read_text()


def test_a_fixed_table_keeps_its_widths_to_a_hundredth_of_a_percent():
    out = []
    build_templates._html_table(Table("rows", "r", [Col("A", 1, "a"), Col("B", 2, "b")], fixed=True), out)
    assert (
        out[0] == '<table class="grid fixed"><colgroup><col style="width:33.33%"><col style="width:66.67%"></colgroup>'
    )
    out = []
    build_templates._html_table(Table("rows", "r", [Col("A", 1, "a"), Col("B", 2, "b")]), out)
    assert out[0] == '<table class="grid"><colgroup><col style="width:33.3%"><col style="width:66.7%"></colgroup>'


def _full_collections():
    return gc.get_stats()[2]["collections"]


def test_R_20_2_deadlines_of_a_long_overdue_list_stay_on_one_line(app):
    """Also: before the layout of a long document the garbage collector runs once (the process's
    peak memory of the yearly report's issue: 445 -> 388 MiB, bench/bench_reports.py); a short
    one skips it. Automatic collections are off meanwhile, so only that one is counted."""
    ctx = dict(kinds.get("periodic_report").sample)
    row = dict(ctx["overdue_tasks"][0])
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        before = _full_collections()
        render_pdf("periodic_report", ctx)
        assert _full_collections() == before  # a short document: no collection
        rows = [
            dict(row, unit="Chi cục Trồng trọt và Bảo vệ thực vật", deadline=f"{1 + i % 28:02d}/{1 + i % 12:02d}/2026")
            for i in range(400)
        ]
        ctx["overdue_tasks"] = rows
        assert 'class="grid fixed"' in html_string("periodic_report", ctx)
        pdf = render_pdf("periodic_report", ctx)
        assert _full_collections() == before + 1
    finally:
        if was_enabled:
            gc.enable()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert len(re.findall(r"(?<!\d)\d{2}/\d{2}/2026(?!\d)", text)) >= 400  # every deadline whole
    assert not re.search(r"\d{2}/\d{2}/20\d?\n", text)  # no date split across lines


def test_R_20_2_a_chart_is_drawn_once_for_the_draft_the_trial_and_the_issued_copies(app):
    """The yearly report's charts (SVG) become PNG once per process, not for each DOCX and PDF."""
    from inspection.documents.render import picture_png
    from inspection.errors import DocumentContextError

    chart = kinds.get("periodic_report").sample["charts"][0]["image"]
    assert picture_png(chart) is picture_png(chart)
    broken = "data:image/svg+xml;base64,PHN2Zz4="  # "<svg>": no size, cairosvg refuses it
    for _ in range(2):  # a failure is not remembered as a picture
        try:
            picture_png(broken)
        except DocumentContextError:
            continue
        raise AssertionError("a broken picture was accepted")
