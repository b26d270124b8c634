"""Issue 16 gaps (audit g4): clear verdicts, a verdict beside every uploaded PDF, PDF/A for every
issued document, the unsigned DOCX saying so, nothing issued half-signed."""

import base64
import datetime
import io

import pytest

from inspection.register.models import ProgressUpdate
from tests.api.conftest import api, token_for  # noqa: F401  (fixtures)
from tests.readback import docx_footers, docx_text, pdf_pages
from tests.register.conftest import register_doc, units, users  # noqa: F401  (fixtures)

from .test_verify_uploads import signed_from_outside

# --- 2. the verdict beside every uploaded PDF ----------------------------------------------------


def test_issue16_a_signed_progress_attachment_shows_its_signer_on_the_task_page(
    client, login, users, units, register_doc, signing, test_pki
):  # noqa: F811
    _, (task,) = register_doc(tasks=[dict(summary="Việc của Kiểm lâm", lead_unit=units["kl"])])
    login(client, "canbokl")
    r = client.post(
        f"/register/tasks/{task.id}/progress",
        content_type="multipart/form-data",
        data={
            "on_date": "26/11/2026",
            "text": "Báo cáo đã ký số",
            "attachment": (io.BytesIO(signed_from_outside(test_pki)), "bao-cao.pdf"),
        },
    )
    assert r.status_code == 302, r.get_data(as_text=True)[:1000]
    assert ProgressUpdate.get().attachment_id
    page = client.get(f"/register/tasks/{task.id}").get_data(as_text=True)
    assert 'data-state="valid"' in page and "Có chữ ký số hợp lệ của Nguyễn Văn An" in page


def test_issue16_a_pdf_sent_through_the_api_is_checked_and_the_answer_carries_the_verdict(demo, api, signing, test_pki):  # noqa: F811
    from inspection.accounts.models import Unit
    from inspection.signing import records

    body = {
        "number_symbol": "78/UBND-KT",
        "issuer_kind": "ubnd_tinh",
        "received_on": "2026-10-01",
        "tasks": [{"summary": "Tuần tra rừng", "lead_unit_id": Unit.get(Unit.abbreviation == "CCKL").id}],
    }
    task = api("theodoi").post("/api/v1/documents", json=body).get_json()["tasks"][0]
    data = signed_from_outside(test_pki)
    body = {"on_date": "2026-10-05", "text": "Báo cáo ký số", "attachment_base64": base64.b64encode(data).decode()}
    response = api("canbodonvi").post(f"/api/v1/tasks/{task['id']}/progress", json=body)
    assert response.status_code == 201, response.get_json()
    verdict = response.get_json()["attachment_signature"]
    assert verdict["state"] == "valid" and "Nguyễn Văn An" in verdict["text"]
    update = ProgressUpdate.get_by_id(response.get_json()["id"])
    assert records.verdict_of(update.attachment.sha256).state == "valid"  # kept, as for the form's upload


# --- 5. nothing is issued half-signed ------------------------------------------------------------


def _closed_port_url():
    import socket

    with socket.socket() as s:  # a port the system gave and took back: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/tsa"


def test_issue16_signing_that_fails_after_the_number_issues_nothing_and_the_retry_keeps_the_number(
    app, make_user, signing, tsa_url
):
    import datetime

    from inspection.documents import kinds, operations
    from inspection.documents.models import ISSUED, ISSUING, OutgoingDocument
    from inspection.errors import ValidationFailed
    from inspection.signing import verify
    from inspection.uploads import StoredFile

    day = datetime.date(2026, 3, 2)
    app.config["TODAY"] = day.isoformat()
    chief = make_user(roles=["director"], clearance=True)
    doc = operations.create_draft("inspection_decision", kinds.get("inspection_decision").sample, chief)
    signing["SIGNING_TSA_URL"] = _closed_port_url()  # the timestamp server is down
    files_before = StoredFile.select().count()
    with pytest.raises(ValidationFailed) as err:
        operations.issue(doc, chief, issued_on=day)
    assert "Không ký số được văn bản" in err.value.message and "chưa được ban hành" in err.value.message
    assert "dấu thời gian" in err.value.message and "Error" not in err.value.message  # Vietnamese, no class name
    held = OutgoingDocument.get_by_id(doc.id)
    assert held.state == ISSUING and held.number == 1  # "đang ban hành", its number reserved
    assert held.pdf_file is None and held.docx_file is None and StoredFile.select().count() == files_before
    signing["SIGNING_TSA_URL"] = tsa_url  # the server is back
    done = operations.issue(held, chief, issued_on=day)
    assert done.state == ISSUED and done.number == 1  # the same number, no gap
    verdict = verify.verify_pdf(done.pdf_file.path.read_bytes(), signing)
    assert verdict.state == verify.VALID and verdict.level == "B-LT"


# --- 3. every issued document is PDF/A-3b with its metadata, whichever path rendered it ---------

DAY = datetime.date(2026, 3, 2)


def _issued(app, make_user, kind="inspection_decision"):
    from inspection.documents import kinds, operations

    app.config["TODAY"] = DAY.isoformat()
    chief = make_user(roles=["director"], clearance=True)
    doc = operations.create_draft(kind, kinds.get(kind).sample, chief)
    return operations.issue(doc, chief, issued_on=DAY)


def _edited_template(app, kind):
    """An Office-edited Word template uploaded and active: its PDF comes from LibreOffice."""
    from docx import Document

    from inspection.documents import kinds, operations

    document = Document(str(kinds.get(kind).docx_path))
    document.add_paragraph("Văn phòng Sở theo dõi, tổng hợp kết quả thực hiện.")
    out = io.BytesIO()
    document.save(out)
    operations.upload_template(kind, out.getvalue(), "mau-sua.docx", None, "thêm một câu")


def _embedded_fonts(pdf):
    found = {}
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            owner = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            desc = owner.FontDescriptor
            found[str(font.BaseFont)] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


@pytest.mark.parametrize("path", ["weasyprint", "libreoffice"])
def test_issue16_an_issued_documents_pdf_is_pdfa_3b_with_the_agency_as_author_and_fonts_embedded(
    app, make_user, signing, path
):
    import shutil

    import pikepdf

    from inspection import settings
    from inspection.signing import verify

    if path == "libreoffice":
        if not shutil.which("soffice"):
            pytest.skip("LibreOffice (soffice) is not installed: scripts/system-deps.sh installs it")
        _edited_template(app, "inspection_decision")
    doc = _issued(app, make_user)
    data = doc.pdf_file.path.read_bytes()
    assert verify.verify_pdf(data, signing).state == verify.VALID  # signed after the conversion
    with pikepdf.open(io.BytesIO(data)) as pdf:
        xmp = pdf.open_metadata()
        assert xmp["pdfaid:part"] == "3" and xmp["pdfaid:conformance"] == "B"
        assert settings.get("org.agency_name") in str(xmp.get("dc:creator"))
        assert f"{doc.number:02d}/" in str(xmp.get("pdf:Keywords")) and "2026" in str(xmp.get("pdf:Keywords"))
        assert "Quyết định" in str(xmp.get("dc:title"))
        fonts = _embedded_fonts(pdf)
        assert fonts and all(fonts.values()), fonts
    if path == "libreoffice":
        assert "Văn phòng Sở theo dõi" in " ".join(pdf_pages(data))  # LibreOffice's copy indeed


# --- 4. the DOCX of a digitally signed document says it is an unsigned working copy -------------


def test_issue16_the_docx_of_a_signed_document_says_it_is_an_unsigned_working_copy(app, make_user, signing):
    from inspection.documents.issued_files import UNSIGNED_NOTE

    doc = _issued(app, make_user)
    docx = doc.docx_file.path.read_bytes()
    assert UNSIGNED_NOTE in docx_footers(docx)
    assert UNSIGNED_NOTE not in docx_text(docx)  # a footer: the Decree 30 body is as it was
    assert "không có chữ ký số" not in " ".join(pdf_pages(doc.pdf_file.path))  # the PDF is the signed one


def test_without_digital_signing_the_docx_carries_no_such_note(app, make_user):
    from inspection.documents.issued_files import UNSIGNED_NOTE

    doc = _issued(app, make_user)
    assert UNSIGNED_NOTE not in docx_footers(doc.docx_file.path.read_bytes())


def test_issue16_libreoffices_output_made_archival_conforms_by_pikepdf_check(app, tmp_path):
    import shutil

    from docx import Document
    from pikepdf import pdfa as pikepdf_pdfa

    from inspection.documents import kinds, office
    from inspection.signing import pdfa

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed: scripts/system-deps.sh installs it")
    out = io.BytesIO()
    Document(str(kinds.get("urging_letter").docx_path)).save(out)
    path = tmp_path / "cong-van.pdf"
    path.write_bytes(office.convert_to_pdf(out.getvalue(), "docx"))
    assert pdfa.make_archival(str(path), {"heading": "Công văn", "agency": "Sở"})  # nothing left unchecked
    report = pikepdf_pdfa.validate_written(path, "3b")
    assert not report.violations and not report.unsupported, report.summary()
