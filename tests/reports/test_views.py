"""The reports pages (R-18, R-20, R-5.2): drafting, bad input, issue, who reads what."""

import datetime
import io

from openpyxl import load_workbook

from inspection.documents.models import OutgoingDocument
from inspection.reports.models import Report
from tests import factories
from tests.readback import docx_text, pdf_text

D = datetime.date
MONTHLY = {"kind": "monthly", "period_start": "01/10/2026", "period_end": "31/10/2026", "scope": "all"}


def _draft(client, login, today, data=MONTHLY):
    today(D(2026, 11, 20))
    login(client, "chanhvp")
    return client.post("/reports/new", data=data)


def test_R_20_office_drafts_the_monthly_report_and_downloads_it(world, client, login, today):
    response = _draft(client, login, today)
    report = Report.get()
    form = client.get("/reports/new?kind=half_year").get_data(as_text=True)
    assert 'value="01/01/2026"' in form and 'value="31/05/2026"' in form  # sent by 10 June
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/reports/{report.id}")
    page = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert "Chi cục Kiểm lâm" in page and "Chờ ý kiến Sở Tài chính" in page and "data:image/svg+xml" in page
    index = client.get("/reports/").get_data(as_text=True)
    assert 'href="/reports/units/"' in index and f"/reports/{report.id}" in index
    assert client.post(f"/reports/{report.id}/texts", data={"assessment": "Đánh giá thử"}).status_code == 302
    docx = client.get(f"/reports/{report.id}/report.docx")
    assert docx.status_code == 200 and "Đánh giá thử" in docx_text(docx.data)
    assert "Tổng cộng 6 1 0 4 1 16,7 16,7" in pdf_text(client.get(f"/reports/{report.id}/report.pdf").data)
    wb = load_workbook(io.BytesIO(client.get(f"/reports/{report.id}/report.xlsx").data))
    assert wb.sheetnames == ["Thong ke", "Qua han", "Don doc", "Kiem tra"]
    assert client.post(f"/reports/{report.id}/regenerate").status_code == 302


def test_R_20_bad_periods_answer_400_with_the_message_beside_the_date(world, client, login, today):
    for start, end, message in [
        ("31/10/2026", "01/10/2026", "trước ngày bắt đầu"),
        ("01/11/2026", "30/11/2026", "chưa đến"),
        ("01/08/2026", "31/08/2026", "trước ngày vào sổ nhiệm vụ đầu tiên"),
        ("01/10/2026", "31/02/2026", "không hợp lệ"),
    ]:
        response = _draft(client, login, today, dict(MONTHLY, period_start=start, period_end=end))
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert Report.select().count() == 0


def test_R_20_issued_report_refuses_regeneration_409_and_units_read_it(world, client, login, today):
    _draft(client, login, today)
    report = Report.get()
    member = factories.user(roles=["unit_officer"], username="canbo", unit=world["kl"])
    # One client, logged in again at each switch (the test's app context keeps the user in g).
    outsider = client
    login(outsider, member.username)
    assert outsider.get(f"/reports/{report.id}").status_code == 403  # a draft is the Office's
    assert outsider.get("/reports/new").status_code == 403
    deputy = factories.user(roles=["deputy_director"], username="phogd", full_name="Lê Văn Phó", clearance=True)
    login(client, "chanhvp")
    # Issue 14 (R-18/19): the periodic report is signed by the Director or a Deputy; the Chief of
    # Office may not issue it himself, he submits it (trình ký) and the Deputy signs.
    doc_page = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert "Trình ký, ban hành" in doc_page
    assert 'id="trinh-ky"' in client.get(f"/documents/{report.document_id}").get_data(as_text=True)
    refused = client.post(f"/documents/{report.document_id}/issue", data={"signer": "deputy"})
    assert refused.status_code == 403 and OutgoingDocument.get_by_id(report.document_id).number is None
    sent = client.post(f"/documents/{report.document_id}/submit", data={"signer": "deputy", "to_user": deputy.id})
    assert sent.status_code == 302
    login(client, "phogd")
    issued = client.post(f"/documents/{report.document_id}/sign")
    assert issued.status_code == 302 and OutgoingDocument.get_by_id(report.document_id).state == "issued"
    login(client, "chanhvp")
    response = client.post(f"/reports/{report.id}/regenerate")
    assert response.status_code == 409 and "không tạo lại được" in response.get_data(as_text=True)
    login(outsider, member.username)
    assert outsider.get(f"/reports/{report.id}").status_code == 200
    assert outsider.get(f"/reports/{report.id}/report.pdf").status_code == 200
    assert outsider.post(f"/reports/{report.id}/texts", data={}).status_code == 403


def test_R_5_2_secret_report_does_not_exist_without_clearance(world, client, login, today):
    from inspection import settings

    settings.set_value("installation.offline", True, world["chief"])
    today(D(2026, 12, 5))
    login(client, "chanhvp")
    data = dict(MONTHLY, kind="yearly", period_start="01/01/2026", period_end="30/11/2026")
    assert client.post("/reports/new?secret=1", data=data).status_code == 302
    report = Report.get(Report.secret)
    assert "5/UBND-MAT" in client.get(f"/reports/{report.id}").get_data(as_text=True)
    factories.user(roles=["tracking_officer"], username="khongmat")
    other = client
    login(other, "khongmat")
    assert other.get(f"/reports/{report.id}").status_code == 404
    assert other.get(f"/reports/{report.id}/report.xlsx").status_code == 404
    assert other.get("/reports/new?secret=1").status_code == 404
    assert "secret-reports" not in other.get("/reports/").get_data(as_text=True)


def test_R_5_1g_bad_subject_answers_400_never_500(world, client, login, today):
    secret_task = world["tasks"][7]
    for extra, message in [
        ({"scope": "task", "task_id": "99999999999"}, "Không có nhiệm vụ số này"),
        ({"scope": "task", "task_id": str(secret_task.id)}, "Không có nhiệm vụ số này"),
        ({"scope": "task", "task_id": "²³"}, "Không có nhiệm vụ số này"),
        ({"scope": "unit", "unit": ""}, "Chọn đơn vị"),
        ({"scope": "unit", "unit": "99999999999999999999"}, "Chọn đơn vị"),
        ({"scope": "issuer", "issuer": "<script>"}, "Chọn cơ quan"),
        ({"kind": "khac", "scope": "zzz", "period_start": "", "period_end": ""}, "Nhập ngày"),
    ]:
        response = _draft(client, login, today, dict(MONTHLY, **extra))
        assert response.status_code == 400, extra
        assert message in response.get_data(as_text=True)
    assert Report.select().count() == 0
