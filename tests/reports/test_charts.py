"""R-20, R-8, R-5.2: the report's charts in its PDF and Word files, drawn from the stored content."""

import base64
import datetime
import io
import json

import pytest
from docx import Document
from pypdf import PdfReader

from inspection import settings
from inspection.documents import render_docx, render_pdf
from inspection.documents.layout import TEMPLATES_DIR
from inspection.documents.models import OutgoingDocument
from inspection.errors import DocumentError
from inspection.monitoring import charts as drawing
from inspection.register.models import Task
from inspection.reports import document, operations, queries
from inspection.reports.models import Report
from tests.monitoring.conftest import _task
from tests.reports.test_operations import CAL, TEXTS, _issue, _spec

D = datetime.date


def _stats_page(pdf):
    """The PDF page that holds the statistics table's totals row."""
    return next(p for p in PdfReader(io.BytesIO(pdf)).pages if "Tổng cộng" in (p.extract_text() or ""))


def _pictures(page):
    """The data of the page's images (the charts, drawn as PNG as in the DOCX)."""
    xobjects = page["/Resources"].get("/XObject") or {}
    found = [xobjects[name].get_object() for name in xobjects]
    return sorted(x.get_data() for x in found if x.get("/Subtype") == "/Image")


def _svg(uri):
    return base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")


def test_R_20_monthly_report_pdf_and_docx_carry_the_charts_of_its_table(world, today):
    today(D(2026, 11, 2))
    report = operations.create(world["chief"], _spec(), TEXTS, CAL)
    charts = report.document.ctx["charts"]
    assert [c["title"][:10] for c in charts] == ["Biểu đồ 1.", "Biểu đồ 2."]  # totals, then per unit
    assert "tính đến ngày 31/10/2026" in charts[0]["title"]
    assert "Chi cục Kiểm lâm" in _svg(charts[1]["image"]) and "Chi cục Thủy lợi" in _svg(charts[1]["image"])
    doc = _issue(report, world["chief"])
    page = _stats_page(doc.pdf_file.read_bytes())
    assert "Biểu đồ 1. Kết quả thực hiện nhiệm vụ" in page.extract_text()
    assert len(_pictures(page)) == 2
    word = Document(io.BytesIO(doc.docx_file.read_bytes()))
    assert len(word.inline_shapes) == 2
    png = word.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert word.part.related_parts[png].blob.startswith(b"\x89PNG")


def test_R_20_issued_report_keeps_its_chart_after_a_later_register_change(world, today):
    today(D(2026, 11, 2))
    report = operations.create(world["chief"], _spec(), TEXTS, CAL)
    draft_pdf, _ = queries.report_file(report, "pdf")
    before = report.document.ctx["charts"]
    # After the cut-off: T5 completed, a new overdue task; then the draft recomputed and issued.
    today(D(2026, 12, 2))
    t, kl = world["tasks"], world["kl"]
    Task.update(is_completed=True, completed_on=D(2026, 11, 28), result_entered_on=D(2026, 11, 28)).where(
        Task.id == t[5].id
    ).execute()
    _task(t[1].document, kl, "T9", registered_on=D(2026, 11, 25), deadline=D(2026, 11, 26))
    operations.regenerate(Report.get_by_id(report.id), world["chief"], CAL)
    report = Report.get_by_id(report.id)
    assert report.document.ctx["charts"] == before
    doc = _issue(report, world["chief"])
    issued_pdf = doc.pdf_file.read_bytes()
    assert _pictures(_stats_page(issued_pdf)) == _pictures(_stats_page(draft_pdf))
    # And once issued, its download is the frozen file whatever the register says.
    _task(t[1].document, kl, "T10", registered_on=D(2026, 12, 1), deadline=D(2026, 12, 1))
    assert queries.report_file(Report.get_by_id(report.id), "pdf")[0] == issued_pdf


def test_R_5_2_secret_chart_only_in_the_secret_report(world, today):
    today(D(2026, 12, 5))
    settings.set_value("installation.offline", True, world["chief"])
    year = dict(kind="yearly", start=D(2026, 1, 1), end=D(2026, 11, 30))
    ordinary = operations.create(world["chief"], _spec(**year), TEXTS, CAL)
    secret = operations.create(world["chief"], _spec(**year, secret=True), TEXTS, CAL)
    assert ordinary.document.ctx["charts"] == document.charts(ordinary.data)
    assert secret.document.ctx["charts"] == document.charts(secret.data)
    # The secret register's one overdue task is drawn in the secret report's chart only.
    assert ordinary.data["totals"]["total"] == 6 and secret.data["totals"]["total"] == 1
    assert ordinary.document.ctx["charts"][0]["image"] != secret.document.ctx["charts"][0]["image"]


@pytest.mark.parametrize("image", ["data:image/svg+xml;base64,@@@", "data:image/png;base64,bm90IGEgcG5n"])
def test_R_20_broken_picture_is_a_clear_error_not_a_crash(app, image):
    ctx = json.loads((TEMPLATES_DIR / "periodic_report" / "sample.json").read_text(encoding="utf-8"))
    ctx["charts"][0]["image"] = image
    with pytest.raises(DocumentError, match="hình trong văn bản|Hình trong văn bản"):
        render_docx("periodic_report", ctx)
    render_pdf("periodic_report", ctx)  # WeasyPrint leaves a broken picture out


def test_R_20_broken_chart_refuses_the_issue_before_a_number_is_taken(world, today):
    today(D(2026, 11, 2))
    report = operations.create(world["chief"], _spec(), TEXTS, CAL)
    ctx = report.document.ctx
    ctx["charts"][0]["image"] = "data:image/svg+xml;base64,PHN2Zz4="  # "<svg>": not a drawing
    OutgoingDocument.update(context=json.dumps(ctx)).where(OutgoingDocument.id == report.document.id).execute()
    with pytest.raises(DocumentError, match="Không đọc được hình"):
        _issue(Report.get_by_id(report.id), world["chief"])
    fresh = OutgoingDocument.get_by_id(report.document.id)
    assert (fresh.state, fresh.number, fresh.pdf_file_id) == ("draft", None, None)


@pytest.mark.parametrize("units", [2, 14, 60])
def test_R_20_per_unit_chart_fits_on_a_page(app, units):
    row = {"unit": "Đơn vị", "total": 4, "done_on_time": 1, "done_late": 1, "pending_in_time": 1, "pending_overdue": 1}
    data = {"end": "2026-11-30", "stats": [dict(row, unit=f"Đơn vị {i}") for i in range(units)], "totals": row}
    chart = document.charts(data)[1]
    svg = _svg(chart["image"])
    assert f"Đơn vị {units - 1}" in svg
    height = drawing.by_unit_height(units)
    assert chart["width_mm"] <= 165 and chart["width_mm"] * height / 900 <= 200  # mm on an A4 page
