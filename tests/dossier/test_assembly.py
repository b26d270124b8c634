"""Assembly of the whole dossier into one PDF (R-17; Decree 30 Appendix V forms)."""

import datetime
import re

import pytest
from PIL import Image
from pypdf import PdfReader
from weasyprint import HTML

from inspection.documents import render_pdf
from inspection.dossier import assembly, rules
from tests.factories import docx_bytes, xlsx_bytes
from tests.readback import pdf_pages

META = {
    "parent_agency": "UBND TỈNH QUẢNG NGÃI",
    "agency": "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
    "agency_abbr": "SNN",
    "unit_name": "VĂN PHÒNG SỞ",
    "dossier_code": "KT-2026-007",
    "code": "KT-2026-007",
    "title": "Hồ sơ kiểm tra Chi cục Kiểm lâm",
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
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _pdf(path, marker, pages, landscape=False):
    size = "A4 landscape" if landscape else "A4"
    html = f"<style>@page {{ size: {size} }}</style>" + "".join(
        f'<p style="page-break-after: always">{marker} trang {i + 1}</p>' for i in range(pages)
    )
    HTML(string=html).write_pdf(str(path))
    return str(path)


@pytest.fixture
def items(tmp_path):
    scan = tmp_path / "scan.jpg"
    Image.new("RGB", (1240, 1754), "white").save(scan, dpi=(150, 150))
    docx = tmp_path / "bao-cao.docx"
    docx.write_bytes(docx_bytes("DOCD", pages=2))
    xlsx = tmp_path / "so-lieu.xlsx"
    xlsx.write_bytes(xlsx_bytes("XLSE"))
    return [
        assembly.AssemblyItem(
            1,
            "Quyết định kiểm tra",
            _pdf(tmp_path / "a.pdf", "DOCA", 2),
            PDF,
            "05/QĐ-SNN",
            datetime.date(2026, 3, 1),
            "Sở NN&MT",
        ),
        assembly.AssemblyItem(
            2,
            "Kế hoạch của UBND tỉnh",
            _pdf(tmp_path / "b.pdf", "DOCB", 3),
            PDF,
            "12/KH-UBND",
            datetime.date(2026, 1, 5),
            "UBND tỉnh",
        ),
        assembly.AssemblyItem(4, "Báo cáo của Chi cục (bản quét)", str(scan), "image/jpeg"),
        assembly.AssemblyItem(4, "Báo cáo bổ sung (Word)", str(docx), DOCX),
        assembly.AssemblyItem(4, "Bảng số liệu (Excel)", str(xlsx), XLSX),
        assembly.AssemblyItem(
            6,
            "Biên bản làm việc",
            _pdf(tmp_path / "c.pdf", "DOCC", 1, True),
            PDF,
            "01/BB-ĐKT",
            datetime.date(2026, 3, 10),
            "Đoàn kiểm tra",
        ),
    ]


def test_R_17_toc_page_numbers_match_the_assembled_pdf(tmp_path, items):
    out = tmp_path / "out" / "ho-so.pdf"
    done = assembly.assemble(items, META, str(out), render_pdf)
    texts = pdf_pages(out)
    # cover, TOC, 2 + 3 PDF pages, 1 scan, 2 Word pages, 1 Excel page, 1 landscape PDF, certificate
    assert done.page_count == len(texts) == 1 + done.toc_pages + 2 + 3 + 1 + 2 + 1 + 1 + done.certificate_pages
    starts = {"DOCA": 0, "DOCB": 0, "DOCC": 0, "DOCD": 0, "XLSE": 0}
    for i, t in enumerate(texts, 1):
        for m in starts:
            if f"{m} trang 1" in t or (m == "XLSE" and "XLSE" in t and "Hạt Kiểm lâm" in t):
                starts[m] = i
    by_title = {it.title: it for it in done.items}
    assert by_title["Quyết định kiểm tra"].first_page == starts["DOCA"]
    assert by_title["Kế hoạch của UBND tỉnh"].first_page == starts["DOCB"]
    assert by_title["Biên bản làm việc"].first_page == starts["DOCC"]
    scan = by_title["Báo cáo của Chi cục (bản quét)"]
    assert scan.first_page == scan.last_page == starts["DOCB"] + 3
    toc = " ".join(" ".join(texts[1 : 1 + done.toc_pages]).split())
    assert "MỤC LỤC VĂN BẢN, TÀI LIỆU" in toc
    for it in done.items:
        if it.first_page:
            assert rules.page_range_label(it.first_page, it.last_page) in toc
    # Word and Excel uploads are converted by LibreOffice: their own pages, listed in the TOC.
    word, sheet = by_title["Báo cáo bổ sung (Word)"], by_title["Bảng số liệu (Excel)"]
    assert (
        (word.first_page, word.last_page)
        == (starts["DOCD"], starts["DOCD"] + 1)
        == (scan.last_page + 1, scan.last_page + 2)
    )
    assert "DOCD trang 2" in texts[word.last_page - 1]
    assert sheet.first_page == sheet.last_page == starts["XLSE"] == word.last_page + 1
    assert "Hạt Kiểm lâm số 10" in texts[sheet.first_page - 1]
    assert by_title["Biên bản làm việc"].first_page == sheet.last_page + 1
    assert assembly.ATTACHED_NOTE not in toc


def test_R_17_without_libreoffice_office_files_are_attached_in_the_package(app, tmp_path, items):
    """SOFFICE_PATH names a missing binary: Word/Excel files get no pages, the TOC says why."""
    app.config["SOFFICE_PATH"] = "/nonexistent/bin/soffice"
    assert assembly.soffice_path() is None
    out = tmp_path / "ho-so.pdf"
    done = assembly.assemble(items, META, str(out), render_pdf)
    texts = pdf_pages(out)
    assert done.page_count == len(texts) == 1 + done.toc_pages + 2 + 3 + 1 + 1 + done.certificate_pages
    toc = " ".join(" ".join(texts[1 : 1 + done.toc_pages]).split())
    for it in done.items:
        if it.mime in (DOCX, XLSX):
            assert it.first_page == 0 and it.note == assembly.ATTACHED_NOTE
    assert toc.count(assembly.ATTACHED_NOTE) == 2
    assert not any("DOCD trang" in t or "XLSE" in t for t in texts)


def test_R_17_continuous_page_numbers_stamped_except_on_the_cover(tmp_path, items):
    out = tmp_path / "ho-so.pdf"
    done = assembly.assemble(items, META, str(out), render_pdf)
    texts = pdf_pages(out)
    for n, t in enumerate(texts[1:], 2):
        assert re.search(rf"(^|\s){n:02d}(\s|$)", t), f"page {n} lacks its number"
    cert = texts[-1]
    words = rules.number_to_words(done.page_count)
    assert f"{done.page_count:02d} tờ (viết bằng chữ: {words} tờ)" in " ".join(cert.split())
    assert f"Gồm {done.page_count:02d} tờ" in texts[0] and META["title"] in texts[0]


def test_R_17_bookmarks_per_component_and_per_document(tmp_path, items):
    out = tmp_path / "ho-so.pdf"
    done = assembly.assemble(items, META, str(out), render_pdf)
    reader = PdfReader(out)
    outline = reader.outline
    top = [o.title for o in outline if not isinstance(o, list)]
    assert top[0] == "Bìa hồ sơ" and top[1] == "Mục lục văn bản" and top[-1] == "Chứng từ kết thúc"
    assert [t for t in top if t[0].isdigit()] == [f"{n}. {rules.component_name(n)}" for n in (1, 2, 4, 6)]
    children = [o for o in outline if isinstance(o, list)]
    assert [[c.title for c in group] for group in children] == [
        ["05/QĐ-SNN 01/03/2026 - Quyết định kiểm tra"],
        ["12/KH-UBND 05/01/2026 - Kế hoạch của UBND tỉnh"],
        ["Báo cáo của Chi cục (bản quét)", "Báo cáo bổ sung (Word)", "Bảng số liệu (Excel)"],
        ["01/BB-ĐKT 10/03/2026 - Biên bản làm việc"],
    ]
    flat = {o.title: reader.get_destination_page_number(o) + 1 for group in children for o in group}
    for it in done.items:
        if it.first_page:
            assert flat[assembly._doc_label(it)] == it.first_page


def test_stored_pdfs_are_merged_not_rerendered(tmp_path, items):
    """The text and the landscape size of a stored PDF come through unchanged."""
    out = tmp_path / "ho-so.pdf"
    done = assembly.assemble(items, META, str(out), render_pdf)
    minutes = next(it for it in done.items if it.title == "Biên bản làm việc")
    page = PdfReader(out).pages[minutes.first_page - 1]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert "DOCC trang 1" in pdf_pages(out)[minutes.first_page - 1]


def test_progress_is_reported(tmp_path, items):
    seen = []
    assembly.assemble(
        items, META, str(tmp_path / "x.pdf"), render_pdf, progress=lambda n, total: seen.append((n, total))
    )
    assert seen[-1] == (len(items) + 3, len(items) + 3)
    assert [n for n, _ in seen] == sorted(n for n, _ in seen)
