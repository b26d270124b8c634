"""Issue 16: an issued document's PDF is signed (signer, then agency), verifiable with
pyHanko's validator; refused certificates take no number and issue nothing."""

import datetime
import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pypdf import PdfReader

from inspection.documents import kinds, operations
from inspection.documents.models import OutgoingDocument
from inspection.errors import ValidationFailed
from inspection.signing import verify
from inspection.uploads import StoredFile

from .conftest import PASS

DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def director(app, make_user):
    """The one who signs the sample decision (GIÁM ĐỐC): SIGNING_SIGNER_P12 stays the Director's (issue 16)."""
    app.config["TODAY"] = DAY.isoformat()
    return make_user(roles=["director"], clearance=True)


def _issue(director):
    doc = operations.create_draft("inspection_decision", kinds.get("inspection_decision").sample, director)
    return operations.issue(doc, director, issued_on=DAY)


def _statuses(data, config):
    reader = PdfFileReader(io.BytesIO(data))
    # The browser tests' session-wide Playwright keeps an event loop running in this thread.
    vc = verify.context(config)
    return reader, [verify.outside_event_loop(validate_pdf_signature, s, vc) for s in reader.embedded_signatures]


def test_issue16_issued_decision_is_signed_by_signer_then_agency_B_B(director, signing):
    doc = _issue(director)
    data = doc.pdf_file.path.read_bytes()
    reader, statuses = _statuses(data, signing)
    names = [s.signing_cert.subject.native["common_name"] for s in statuses]
    assert names == ["Nguyễn Văn An", "Sở Nông nghiệp và Môi trường"]
    for status in statuses:
        assert status.intact and status.valid and status.trusted, status.pretty_print_details()
        assert status.timestamp_validity is None  # B-B: no timestamp server configured
    assert "/DSS" not in reader.root
    fields = [s.field_name for s in reader.embedded_signatures]
    assert fields == ["ChuKyNguoiKy", "ChuKyCoQuan"]
    verdict = verify.verify_pdf(data, signing)
    assert verdict.state == verify.VALID and verdict.level == "B-B"
    assert "Nguyễn Văn An" in verdict.text and verdict.text.startswith("Có chữ ký số hợp lệ của")


def test_issue16_one_changed_byte_is_reported(director, signing):
    data = bytearray(_issue(director).pdf_file.path.read_bytes())
    at = data.index(b"/Producer") if b"/Producer" in data else len(data) // 3
    data[at + 2] ^= 0x01  # inside the signed byte range
    verdict = verify.verify_pdf(bytes(data), signing)
    assert verdict.state == verify.INVALID
    assert "không hợp lệ" in verdict.text or "Không" in verdict.text


def test_issue16_with_a_timestamp_server_signatures_are_B_LT(director, signing, tsa_url):
    signing["SIGNING_TSA_URL"] = tsa_url
    data = _issue(director).pdf_file.path.read_bytes()
    reader, statuses = _statuses(data, signing)
    assert all(s.intact and s.valid and s.trusted and s.timestamp_validity for s in statuses)
    assert all(s.timestamp_validity.trusted for s in statuses)
    assert "/DSS" in reader.root  # validation data embedded: B-LT
    assert verify.verify_pdf(data, signing).level == "B-LT"


@pytest.mark.parametrize(
    "which, passphrase, words",
    [
        ("expired", PASS, "đã hết hạn"),
        ("signer", "sai-mật-khẩu", "mật khẩu không đúng"),
        ("no_usage", PASS, "không có mục đích ký số"),
    ],
)
def test_issue16_refused_certificate_issues_nothing_and_takes_no_number(
    director, signing, test_pki, which, passphrase, words
):
    signing.update(SIGNING_SIGNER_P12=str(test_pki[which]), SIGNING_SIGNER_PASSPHRASE=passphrase)
    files_before = StoredFile.select().count()
    with pytest.raises(ValidationFailed) as err:
        _issue(director)
    assert words in err.value.message
    doc = OutgoingDocument.get()
    assert doc.state == "draft" and doc.number is None and doc.pdf_file is None
    assert StoredFile.select().count() == files_before
    signing.update(SIGNING_SIGNER_P12=str(test_pki["signer"]), SIGNING_SIGNER_PASSPHRASE=PASS)
    assert operations.issue(doc, director, issued_on=DAY).number == 1  # the number was not consumed


def test_without_a_configured_signer_the_pdf_is_not_signed(director, app):
    data = _issue(director).pdf_file.path.read_bytes()
    assert verify.verify_pdf(data, app.config).state == verify.UNSIGNED


def test_issue16_settings_page_shows_the_level_produced(app, client, login, make_user, signing, tsa_url):
    admin = make_user(roles=["admin"])
    login(client, admin.username)
    page = client.get("/admin/org").text
    assert "PAdES B-B" in page and "Nguyễn Văn An" in page and "CA Thử nghiệm" in page
    signing["SIGNING_TSA_URL"] = tsa_url
    assert "PAdES B-LT" in client.get("/admin/org").text
    signing["SIGNING_SIGNER_PASSPHRASE"] = "sai"
    assert "mật khẩu không đúng" in client.get("/admin/org").text  # said, not a 500
    assert PASS not in page  # the passphrase is never shown


def test_document_page_says_the_docx_is_an_unsigned_working_copy(director, client, login, signing):
    doc = _issue(director)
    login(client, director.username)
    page = client.get(f"/documents/{doc.id}").text
    assert 'id="docx-unsigned-note"' in page and "Bản Word chỉ là bản làm việc, không có chữ ký số" in page
    docx = client.get(f"/documents/{doc.id}/file.docx").data
    assert docx.startswith(b"PK") and b"/ByteRange" not in docx


def _rect(field):
    widget = field["/Kids"][0] if "/Kids" in field else field
    return tuple(float(v) for v in widget["/Rect"])


def test_signature_sits_between_title_and_name_and_the_seal_over_its_left_third(director, signing):
    # Decree 30/2020, Appendix I: signer's image between title and name, seal over its left third.
    doc = _issue(director)
    data = doc.pdf_file.path.read_bytes()
    boxes = {s.field_name: _rect(s.sig_field) for s in PdfFileReader(io.BytesIO(data)).embedded_signatures}
    sx1, sy1, sx2, sy2 = boxes["ChuKyNguoiKy"]
    cx1, _cy1, cx2, _cy2 = boxes["ChuKyCoQuan"]
    assert cx1 < sx1 < cx2 <= sx1 + (sx2 - sx1) / 3 + 1
    lines = []
    PdfReader(io.BytesIO(data)).pages[-1].extract_text(
        visitor_text=lambda t, cm, tm, f, s: lines.append((t.strip(), tm[5] * cm[3] + cm[5]))
    )
    name_y = next(y for t, y in lines if t == doc.signer_name)
    title_y = next(y for t, y in lines if t == "GIÁM ĐỐC")
    assert name_y < sy1 < sy2 < title_y + 5


def test_issue16_revoked_certificate_is_refused_and_takes_no_number(director, signing, test_pki):
    # the CA's CRL, served locally at the certificate's distribution point, lists it
    signing.update(SIGNING_SIGNER_P12=str(test_pki["revoked"]), SIGNING_FETCH_REVOCATION=True)
    with pytest.raises(ValidationFailed) as err:
        _issue(director)
    assert "đã bị thu hồi" in err.value.message
    doc = OutgoingDocument.get()
    assert doc.state == "draft" and doc.number is None
    signing["SIGNING_SIGNER_P12"] = str(test_pki["listed"])  # same CA and CRL, not revoked
    assert operations.issue(doc, director, issued_on=DAY).number == 1


def test_signing_and_verifying_work_inside_a_running_event_loop(signing, test_pki):
    # seed-demo under a browser test, or an async server: pyHanko's asyncio.run must not clash.
    import asyncio

    from inspection.signing import pades
    from tests.factories import pdf_bytes

    async def inside():
        signed = pades.sign_issued(pdf_bytes("Văn bản"), "", signing)
        return verify.verify_pdf(signed, signing)

    # In a thread of its own: the browser tests' Playwright may already run a loop in this one.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, inside()).result().state == verify.VALID


def test_issued_signed_pdf_is_pdfa_3b_by_pikepdf_check(director, signing):
    # pikepdf's validator finds no violation; it leaves only the signature form unchecked.
    import pikepdf
    from pikepdf import pdfa as pikepdf_pdfa

    path = _issue(director).pdf_file.path
    report = pikepdf_pdfa.validate_written(path, "3b")
    assert not report.violations, report.summary()
    assert {f.rule for f in report.unsupported} <= {"pikepdf:schema-Catalog"}, report.summary()
    with pikepdf.open(path) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "3" and pdf.Root.OutputIntents
    assert verify.verify_pdf(path.read_bytes(), signing).state == verify.VALID
