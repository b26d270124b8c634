"""Issue 16: uploaded PDFs (register scans, dossier uploads) are checked against the configured
trust anchors; the verdict shows beside the file and in the dossier's table of contents."""

import io

import pytest
from pypdf import PdfReader, PdfWriter

from inspection.dossier import operations, packaging
from inspection.register.models import DirectiveDocument
from inspection.signing import pades, verify
from tests.factories import pdf_bytes
from tests.readback import flat, pdf_pages
from tests.register.conftest import units, users  # noqa: F401  (fixtures)
from tests.register.test_views import form

from .conftest import PASS


def signed_from_outside(test_pki, who="signer"):
    """A PDF signed elsewhere (a Province directive): the test signer's key, no agency."""
    config = {"SIGNING_SIGNER_P12": str(test_pki[who]), "SIGNING_SIGNER_PASSPHRASE": PASS}
    return pades.sign_issued(pdf_bytes("CHỈ THỊ CỦA TỈNH"), "", config)


def _upload(dossier, user, data, name="chi-thi.pdf"):
    meta = {"component": 8, "type_and_abstract": "Chỉ thị của Tỉnh (bản điện tử)"}
    return operations.add_upload(dossier, user, io.BytesIO(data), name, meta)


def test_issue16_signed_upload_shows_its_signer_beside_the_file_and_in_the_toc(
    app, client, login, chief, dossier, signing, test_pki, tmp_path
):
    _upload(dossier, chief, signed_from_outside(test_pki))
    login(client, chief.username)
    page = client.get(f"/dossier/{dossier.id}").text
    assert 'data-state="valid"' in page and "Có chữ ký số hợp lệ của Nguyễn Văn An" in page
    done, _items = packaging.build_pdf(dossier, str(tmp_path / "ho-so.pdf"))
    toc = flat(" ".join(pdf_pages(done.path)[:4]))
    assert "có chữ ký số hợp lệ của nguyễn văn an" in toc.lower()


def signed_with_any_certificate(test_pki, who):
    """A PDF signed with `who`'s key as it is (expired or not): how a file signed elsewhere arrives."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields
    from pyhanko.sign import signers as ph_signers

    signer = ph_signers.SimpleSigner.load_pkcs12(str(test_pki[who]), passphrase=PASS.encode())
    meta = ph_signers.PdfSignatureMetadata(field_name="ChuKy", subfilter=fields.SigSeedSubFilter.PADES)
    out = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes("CHỈ THỊ CỦA TỈNH")))
    # pyHanko's sync API calls asyncio.run: in a thread when a browser test left a loop running
    verify.outside_event_loop(lambda: ph_signers.PdfSigner(meta, signer=signer).sign_pdf(writer, output=out))
    return out.getvalue()


def _incremental(data, change):
    writer = PdfWriter(PdfReader(io.BytesIO(data)), incremental=True)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _new_text(writer):
    page = writer.pages[0]
    page.merge_page(PdfReader(io.BytesIO(pdf_bytes("ĐÃ SỬA SAU KHI KÝ"))).pages[0])


@pytest.mark.parametrize(
    "damage, words",
    [
        ("untrusted", "chuỗi chứng thư không dẫn tới chứng thư gốc đã cấu hình"),
        ("byte", "nội dung đã bị thay đổi sau khi ký"),
        ("added_page", "có trang được thêm vào tệp bằng một lần cập nhật sau khi ký"),
        ("edited_page", "tệp đã được sửa thêm nội dung sau khi ký"),
        ("expired", "chứng thư số đã hết hạn vào thời điểm ký"),
        ("revoked", "chứng thư số đã bị thu hồi từ ngày"),
    ],
)
def test_issue16_bad_signatures_are_reported_in_vietnamese(app, chief, dossier, signing, test_pki, damage, words):
    data = signed_from_outside(test_pki, "stranger" if damage == "untrusted" else "signer")
    if damage in ("expired", "revoked"):
        data = signed_with_any_certificate(test_pki, damage)
        app.config["SIGNING_FETCH_REVOCATION"] = True  # the validator fetches the test CA's CRL
    if damage == "byte":
        data = bytearray(data)
        at = data.index(b"CreationDate") if b"CreationDate" in data else 200
        data[at + 3] ^= 0x01
        data = bytes(data)
    if damage == "added_page":  # an incremental update that adds a page after the signature
        data = _incremental(data, lambda writer: writer.add_blank_page(200, 200))
    if damage == "edited_page":  # an incremental update that writes over the signed page
        data = _incremental(data, _new_text)
    verdict = verify.verify_pdf(data, signing)
    assert verdict.state == verify.INVALID and words in verdict.text, verdict.text
    _upload(dossier, chief, data)
    note = packaging.assembly_items(dossier)[-1].note
    assert words in note  # goes into the TOC's note column as it is


def test_issue16_register_scan_signature_is_shown_on_the_document_page(
    app, client, login, users, units, signing, test_pki
):  # noqa: F811
    login(client, "theodoi")
    data = form(units)
    data["scan"] = (io.BytesIO(signed_from_outside(test_pki)), "chi-thi.pdf")
    r = client.post("/register/documents/new", data=data, content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    page = client.get(f"/register/documents/{DirectiveDocument.get().id}").text
    assert "Có chữ ký số hợp lệ của Nguyễn Văn An" in page


def test_issue16_a_units_signed_answer_is_checked_when_uploaded(app, world, signing, test_pki):
    from inspection.cases import issuing, work
    from inspection.cases import operations as ops
    from inspection.signing import records
    from tests.cases.test_walk import D, decided_case, on

    p, u = world["people"], world["units"]
    case = decided_case(world)
    ops.start_inspection(case, p["leader"])
    req = work.create_request(case, p["leader"], "báo cáo", D(2026, 4, 22), [u["kl"].id], "Báo cáo kết quả")
    signer = {"signer_authority": "TL. GIÁM ĐỐC", "signer_title": "CHÁNH VĂN PHÒNG", "signer_name": "Phạm Minh Tuấn"}
    # issue 16: the Chief of Office signs with a certificate of his own (any will do for this test)
    signing["SIGNING_PERSONS"] = {p["chief"].username: {"p12": str(test_pki["listed"]), "passphrase": "mật-khẩu-thử"}}
    issuing.issue_request(req, p["chief"], signer, on(D(2026, 4, 20)))  # issue 14: its signer signs it
    answer = work.upload_answer(req, p["kl_officer"], io.BytesIO(signed_from_outside(test_pki)), "bao-cao-ky-so.pdf")
    check = records.verdict_of(answer.file.sha256)
    assert check.state == verify.VALID and "Nguyễn Văn An" in check.summary
