"""An edited Word template the Office uploaded: its PDF is LibreOffice's conversion of the
rendered DOCX, so both carry the same words (issue 4: "Both carry the same words")."""

import datetime
import html
import io
import threading
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from inspection.documents import kinds, layout, office, operations, render_docx, render_pdf
from inspection.documents.models import DRAFT, OutgoingDocument, TemplateVersion
from tests.readback import docx_lines, flat, pdf_body_text, words

MM = 72 / 25.4
KIND = "urging_letter"
SENTENCE = "Sở sẽ tổng hợp kết quả để báo cáo Ủy ban nhân dân tỉnh trước ngày {{ report_due }}."
MISSING = "/nonexistent/bin/soffice"
DAY = datetime.date(2026, 3, 2)


def _edited():
    """The shipped urging letter with one more sentence, as the Office would save it in Word."""
    doc = Document(str(kinds.get(KIND).docx_path))
    doc.add_paragraph(SENTENCE)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _expected():
    return SENTENCE.replace("{{ report_due }}", kinds.get(KIND).sample["report_due"])


@pytest.fixture(autouse=True)
def _issue_day(app):
    app.config["TODAY"] = DAY.isoformat()  # a document's issue date is the day it is issued


def _upload(client):
    return client.post(
        f"/documents/templates/{KIND}/upload",
        data={"file": (io.BytesIO(_edited()), "cong-van-don-doc.docx"), "note": "thêm câu báo cáo UBND tỉnh"},
        content_type="multipart/form-data",
    )


def _fonts(reader):
    """{BaseFont: embedded?} for every font of every page (simple and composite fonts)."""
    fonts = {}
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            owner = f["/DescendantFonts"][0].get_object() if "/DescendantFonts" in f else f
            desc = owner["/FontDescriptor"].get_object()
            fonts[str(f["/BaseFont"])] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def _text_box(page):
    found = []
    page.extract_text(
        visitor_text=lambda t, cm, tm, fd, fs: (
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5])) if t.strip() else None
        )
    )
    return found


def test_edited_sentence_is_in_both_the_docx_and_the_pdf(app, chief_client):
    assert _upload(chief_client).status_code == 302
    docx = chief_client.get(f"/documents/templates/{KIND}/sample.docx")
    pdf = chief_client.get(f"/documents/templates/{KIND}/sample.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert _expected() in flat(" ".join(docx_lines(docx.data)))
    assert _expected() in flat(pdf_body_text(pdf.data))
    # Not only the new sentence: the whole text is the same, word for word.
    assert words("\n".join(docx_lines(docx.data))) == words(pdf_body_text(pdf.data))
    assert "LibreOffice" in (PdfReader(io.BytesIO(pdf.data)).metadata.producer or "")


def test_shipped_template_keeps_the_weasyprint_pdf(app, chief_client):
    pdf = chief_client.get(f"/documents/templates/{KIND}/sample.pdf").data
    assert "WeasyPrint" in PdfReader(io.BytesIO(pdf)).metadata.producer
    assert "tổng hợp kết quả để báo cáo Ủy ban" not in flat(pdf_body_text(pdf))


def test_converted_pdf_is_a4_with_the_docx_margins_and_embedded_liberation_serif():
    k = kinds.get(KIND)
    docx = render_docx(KIND, k.sample, template=_edited())
    reader = PdfReader(io.BytesIO(render_pdf(KIND, k.sample, template=_edited())))
    fonts = _fonts(reader)
    # Times New Roman in the DOCX is substituted by the metric-compatible Liberation Serif.
    assert fonts and all("LiberationSerif" in name for name in fonts), fonts
    assert all(fonts.values()), f"every font is embedded: {fonts}"
    section = Document(io.BytesIO(docx)).sections[0]
    assert Document(io.BytesIO(docx)).styles["Normal"].font.name == "Times New Roman"
    for n, page in enumerate(reader.pages):
        box = page.mediabox
        assert abs(float(box.width) - 210 * MM) < 1 and abs(float(box.height) - 297 * MM) < 1
        xs, ys = zip(*_text_box(page))
        assert min(xs) >= section.left_margin.mm * MM - 1, "text inside the DOCX left margin"
        assert max(xs) <= (210 - section.right_margin.mm) * MM, "text inside the DOCX right margin"
        assert min(ys) >= section.bottom_margin.mm * MM - 1, "text above the DOCX bottom margin"
        if n == 0:  # page 1 has no page number in the header: its first baseline is under the margin
            assert max(ys) <= (297 - section.top_margin.mm) * MM, "text below the DOCX top margin"
    assert section.left_margin.mm == pytest.approx(layout.MARGIN_LEFT_MM, abs=0.1)


def test_preview_of_an_edited_version_is_the_pdf_of_its_docx(app, chief_client):
    _upload(chief_client)
    response = chief_client.get(f"/documents/templates/{KIND}/preview")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "inline" in response.headers["Content-Disposition"]
    assert _expected() in flat(pdf_body_text(response.data))
    # ?version=0 previews the shipped template as HTML again.
    shipped = chief_client.get(f"/documents/templates/{KIND}/preview?version=0")
    assert shipped.mimetype == "text/html" and "tổng hợp kết quả để báo cáo Ủy ban" not in shipped.get_data(
        as_text=True
    )
    page = chief_client.get(f"/documents/templates/{KIND}").get_data(as_text=True)
    assert 'id="preview-note"' in page and 'id="office-missing"' not in page


def test_issued_pdf_carries_the_edited_words_and_stays_frozen(app, chief_client, chief):
    _upload(chief_client)
    doc = operations.issue(operations.create_draft(KIND, kinds.get(KIND).sample, chief), chief, issued_on=DAY)
    assert doc.template_version_id == TemplateVersion.get().id
    stored_pdf = doc.pdf_file.read_bytes()
    assert _expected() in flat(pdf_body_text(stored_pdf))
    assert _expected() in flat(" ".join(docx_lines(doc.docx_file.read_bytes())))
    assert doc.number_text in flat(pdf_body_text(stored_pdf))
    chief_client.post(f"/documents/templates/{KIND}/activate", data={"version": "0"})
    served = chief_client.get(f"/documents/{doc.id}/file.pdf").data
    assert served == stored_pdf


def test_draft_pdf_follows_the_edited_template(app, chief_client, chief):
    _upload(chief_client)
    doc = operations.create_draft(KIND, kinds.get(KIND).sample, chief)
    response = chief_client.get(f"/documents/{doc.id}/file.pdf")
    assert response.status_code == 200
    assert _expected() in flat(pdf_body_text(response.data))


def test_without_libreoffice_word_still_works_and_pdf_fails_with_a_clear_message(app, chief_client, chief):
    app.config["SOFFICE_PATH"] = MISSING
    assert not office.available()
    # Uploading (and activating) an edited version still works; the Office is warned at once.
    response = _upload(chief_client)
    assert response.status_code == 302 and TemplateVersion.get().active
    page = chief_client.get(response.headers["Location"]).get_data(as_text=True)
    message = html.unescape(page)
    assert "Đã lưu phiên bản 1" in message and "máy chủ chưa cài LibreOffice" in message
    assert 'id="office-missing"' in page
    docx = chief_client.get(f"/documents/templates/{KIND}/sample.docx")
    assert docx.status_code == 200 and _expected() in flat(" ".join(docx_lines(docx.data)))
    # The PDF is refused, never silently printed with the old wording.
    pdf = chief_client.get(f"/documents/templates/{KIND}/sample.pdf")
    assert pdf.status_code == 302 and pdf.headers["Location"].endswith(f"/documents/templates/{KIND}")
    shown = html.unescape(chief_client.get(pdf.headers["Location"]).get_data(as_text=True))
    assert f'Chưa tạo được bản PDF của "{kinds.get(KIND).name_vi}"' in shown
    assert "libreoffice-writer-nogui" in shown
    preview = chief_client.get(f"/documents/templates/{KIND}/preview")
    assert preview.status_code == 503
    assert "máy chủ chưa cài LibreOffice" in html.unescape(preview.get_data(as_text=True))
    # Issuing is refused before a number is taken: no gap in the register.
    doc = operations.create_draft(KIND, kinds.get(KIND).sample, chief)
    draft_pdf = chief_client.get(f"/documents/{doc.id}/file.pdf")
    assert draft_pdf.status_code == 302
    assert chief_client.get(f"/documents/{doc.id}/file.docx").status_code == 200
    # Issue 14: the Chief of Office signs an urging letter himself (TL. Giám đốc, R-9).
    response = chief_client.post(
        f"/documents/{doc.id}/issue", data={"issued_on": "2026-03-02", "signer": "office_chief"}
    )
    # One idiom for refusals (form_action): the document page again, 400, with the message.
    assert response.status_code == 400
    assert "máy chủ chưa cài LibreOffice" in html.unescape(response.get_data(as_text=True))
    fresh = OutgoingDocument.get_by_id(doc.id)
    assert (fresh.state, fresh.number, fresh.pdf_file_id) == (DRAFT, None, None)
    # Back to the shipped template: the PDF works again without LibreOffice.
    chief_client.post(f"/documents/templates/{KIND}/activate", data={"version": "0"})
    assert chief_client.get(f"/documents/templates/{KIND}/sample.pdf").status_code == 200


def test_conversion_leaves_nothing_in_doc_templates_or_the_archive(app):
    def listing():
        roots = (layout.TEMPLATES_DIR, Path(app.config["ARCHIVE_DIR"]))
        return sorted((str(p), p.stat().st_mtime_ns) for root in roots if root.exists() for p in root.rglob("*"))

    before = listing()
    render_pdf(KIND, kinds.get(KIND).sample, template=_edited())
    assert listing() == before


def test_concurrent_conversions_use_separate_profiles():
    docx = render_docx(KIND, kinds.get(KIND).sample, template=_edited())
    results, errors = [], []

    def convert():
        try:
            results.append(office.convert_to_pdf(docx, "docx"))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=convert) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(results) == 3
    assert all(_expected() in flat(pdf_body_text(r)) for r in results)


def test_conversion_timeout_is_a_clear_error():
    with pytest.raises(office.OfficeError, match="trong 0 giây; đã dừng"):
        office.convert_to_pdf(_edited(), "docx", timeout=0.01)


def test_unknown_suffix_is_refused():
    with pytest.raises(office.OfficeError, match=r"\.exe"):
        office.convert_to_pdf(b"MZ", "exe")
