"""Pages: template upload checks in Vietnamese, versions and rollback, register, R-5.2 on secret entries."""

import datetime
import html
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from inspection import settings
from inspection.documents import kinds, operations
from inspection.documents.models import OutgoingDocument, TemplateVersion
from tests.readback import docx_lines, flat

DAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _issue_day(app):
    app.config["TODAY"] = DAY.isoformat()  # a document's issue date is the day it is issued


def _docx(edit):
    doc = Document(str(kinds.get("urging_letter").docx_path))
    edit(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _upload(client, data, name="mau.docx"):
    return client.post(
        "/documents/templates/urging_letter/upload",
        data={"file": (io.BytesIO(data), name), "note": "sửa lời văn"},
        content_type="multipart/form-data",
    )


def _split_run(doc):
    p = doc.add_paragraph()
    p.add_run("{{ signer_")
    p.add_run("name }}").bold = True


@pytest.mark.parametrize(
    "data,needle",
    [
        (b"%PDF-1.4 not a docx", "không phải tài liệu Word"),
        (_docx(lambda d: d.add_paragraph("{% if deadline %}không đóng")), "Lỗi cú pháp Jinja"),
        (_docx(lambda d: d.add_paragraph("{{ bank_account }}")), "bank_account"),
        (_docx(lambda d: d.add_paragraph("{{ ''.__class__ }}")), "''.__class__"),
        (_docx(lambda d: d.add_paragraph("{{ deadline|attr('upper') }}")), "bị cấm"),
        (_docx(_split_run), "{{ signer_name }}"),
    ],
)
def test_bad_template_upload_is_refused_with_the_offending_text(chief_client, data, needle):
    response = _upload(chief_client, data)
    assert response.status_code == 400
    assert needle in html.unescape(response.get_data(as_text=True))
    assert TemplateVersion.select().count() == 0


def test_upload_new_version_preview_and_rollback(chief_client, chief):
    def edit(doc):
        doc.add_paragraph("Đề nghị khẩn trương thực hiện {{ deadline }}.")

    assert _upload(chief_client, _docx(edit)).status_code == 302
    v = TemplateVersion.get()
    assert (v.version, v.active, v.uploaded_by_id) == (1, True, chief.id)
    sample = chief_client.get("/documents/templates/urging_letter/sample.docx")
    assert "Đề nghị khẩn trương thực hiện ngày 31 tháng 12 năm 2025." in docx_lines(sample.data)
    doc = operations.issue(
        operations.create_draft("urging_letter", kinds.get("urging_letter").sample, chief), chief, issued_on=DAY
    )
    assert doc.template_version_id == v.id
    assert "Đề nghị khẩn trương" in " ".join(docx_lines(doc.docx_file.read_bytes()))
    assert chief_client.post("/documents/templates/urging_letter/activate", data={"version": "0"}).status_code == 302
    assert operations.active_template("urging_letter") is None
    shipped = chief_client.get("/documents/templates/urging_letter/sample.docx")
    assert "Đề nghị khẩn trương" not in " ".join(docx_lines(shipped.data))
    # The issued document keeps the words of the template it was issued with.
    assert "Đề nghị khẩn trương" in " ".join(docx_lines(doc.docx_file.read_bytes()))
    page = chief_client.get("/documents/templates/urging_letter").get_data(as_text=True)
    assert "Dùng phiên bản này" in page and "assigning_document" in page


def test_preview_and_sample_downloads(chief_client):
    html = chief_client.get("/documents/templates/inspection_decision/preview").get_data(as_text=True)
    assert "QUYẾT ĐỊNH" in html and "/documents/frame/frame.css" in html
    assert chief_client.get("/documents/frame/frame.css").status_code == 200
    assert chief_client.get("/documents/frame/../../app.py").status_code == 404
    pdf = chief_client.get("/documents/templates/inspection_decision/sample.pdf")
    assert pdf.data.startswith(b"%PDF") and pdf.mimetype == "application/pdf"
    assert chief_client.get("/documents/templates/nope/sample.pdf").status_code == 404


def test_R_5_2_secret_register_hidden_without_clearance(app, make_user, login, chief):
    settings.set_value("installation.offline", True, chief)
    cleared = make_user(roles=["tracking_officer"], clearance=True)
    secret = operations.create_draft(
        "urging_letter", dict(kinds.get("urging_letter").sample, abstract="việc tối mật"), cleared, secret=True
    )
    secret = operations.issue(secret, cleared, issued_on=DAY)
    plain = operations.issue(
        operations.create_draft("inspection_plan", kinds.get("inspection_plan").sample, chief), chief, issued_on=DAY
    )
    client = app.test_client()
    login(client, chief.username)
    page = client.get("/documents/register?year=2026").get_data(as_text=True)
    assert plain.number_text in page and "tối mật" not in page
    assert client.get("/documents/register?year=2026&secret=1").status_code == 403
    assert client.get("/documents/register.xlsx?year=2026&secret=1").status_code == 403
    ws = load_workbook(io.BytesIO(client.get("/documents/register.xlsx?year=2026").data)).active
    values = [str(c.value) for r in ws.iter_rows() for c in r]
    assert plain.number_text in values and not any("tối mật" in v for v in values)
    assert client.get(f"/documents/{secret.id}").status_code == 404
    assert client.get(f"/documents/{secret.id}/file.pdf").status_code == 404
    other = app.test_client()
    login(other, cleared.username)
    assert "tối mật" in other.get("/documents/register?year=2026&secret=1").get_data(as_text=True)
    assert other.get(f"/documents/{secret.id}/file.pdf").status_code == 200


def test_issue_through_the_page(app, chief_client, chief, make_user, login):
    # Issue 14: the plan is signed by the Director or a Deputy; the Chief only submits it.
    doc = operations.create_draft("inspection_plan", kinds.get("inspection_plan").sample, chief)
    signer = make_user(roles=["deputy_director"], full_name="Lê Văn Phó")
    page = chief_client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert 'id="ky-ban-hanh"' not in page and 'id="trinh-ky"' in page
    app.config["TODAY"] = "2026-06-15"  # the issue date is the day of issue
    refused = chief_client.post(f"/documents/{doc.id}/issue", data={"issued_on": "2026-06-15", "signer": "deputy"})
    assert refused.status_code == 403
    assert OutgoingDocument.get_by_id(doc.id).number is None  # nothing numbered
    deputy = app.test_client()
    login(deputy, signer.username)
    page = deputy.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert 'id="ky-ban-hanh"' in page and "Ký ban hành" in page
    response = deputy.post(f"/documents/{doc.id}/issue", data={"issued_on": "2026-06-15", "signer": "deputy"})
    assert response.status_code == 302
    page = chief_client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert "Đã ban hành" in page and "01/KH-SNN" in page
    text = flat(" ".join(docx_lines(chief_client.get(f"/documents/{doc.id}/file.docx").data)))
    assert "Quảng Ngãi, ngày 15 tháng 6 năm 2026" in text and "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" in text
    xlsx = chief_client.get("/documents/register.xlsx?year=2026")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    officer = app.test_client()
    login(officer, make_user(roles=["unit_officer"]).username)
    assert officer.post(f"/documents/{doc.id}/issue", data={"issued_on": "2026-06-15"}).status_code == 403
    assert officer.get("/documents/register").status_code == 403


def test_issue_with_a_mistyped_date_shows_the_form_again_and_takes_no_number(app, chief, make_user, login):
    # One idiom for refusals (issue 9): the page again, 400, the message once beside its field.
    # Issue 14: the decision is issued directly by the Director, who signs it.
    doc = operations.create_draft("inspection_decision", kinds.get("inspection_decision").sample, chief)
    director = app.test_client()
    login(director, make_user(roles=["director"]).username)
    r = director.post(f"/documents/{doc.id}/issue", data={"issued_on": "31/02/2026"})
    assert r.status_code == 400
    assert (
        r.text.count("Ngày “31/02/2026” không hợp lệ (nhập theo dạng dd/mm/yyyy).") == 1
        and 'class="invalid-feedback d-block"' in r.text
    )
    fresh = type(doc).get_by_id(doc.id)
    assert fresh.state == "draft" and fresh.number is None


def test_R_13_1_a_deputy_without_delegation_cannot_issue_a_decision_from_its_page(app, chief, make_user, login):
    # Issue 14: only the signer issues; a Deputy signs decisions only when the Director delegated them.
    doc = operations.create_draft("inspection_decision", kinds.get("inspection_decision").sample, chief)
    deputy = app.test_client()
    login(deputy, make_user(roles=["deputy_director"], full_name="Lê Văn Phó").username)
    assert 'id="ky-ban-hanh"' not in deputy.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert deputy.post(f"/documents/{doc.id}/issue", data={"signer": "deputy"}).status_code == 403
    fresh = OutgoingDocument.get_by_id(doc.id)
    assert (fresh.state, fresh.number) == ("draft", None)
