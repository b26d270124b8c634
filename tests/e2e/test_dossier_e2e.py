"""The Chief of Office uploads a scan, sees the completeness list shrink, assembles, closes and
downloads the dossier (R-17; Decree 30 Art. 29)."""

import pytest
from pypdf import PdfReader

from tests import factories
from tests.factories import jpg_bytes, notified_case
from tests.readback import pdf_pages

pytestmark = pytest.mark.e2e


@pytest.fixture
def open_dossier_missing_4(live_server):
    """A notified case in the live app whose dossier lacks component 4 (the unit's reports)."""
    from inspection.accounts.models import User
    from inspection.db import db
    from inspection.dossier import filing, operations
    from inspection.dossier.models import DossierItem

    with live_server.app.app_context(), db.connection_context():
        chief = User.get(User.username == "chanhvanphong")
        unit = factories.unit(name="Chi cục Kiểm tra thử E2E", abbreviation="E2E")
        case = notified_case(chief, unit, title="Kiểm tra thử nghiệm hồ sơ E2E", number_base=900)
        dossier = operations.open_dossier(case, chief)
        filing.file_from_system(dossier, chief)
        for item in DossierItem.select().where((DossierItem.dossier == dossier) & (DossierItem.component == 4)):
            operations.remove_item(item, chief, "Bản trùng")
        return dossier.id


def test_upload_scan_completeness_shrinks_close_and_download(page, login_as, open_dossier_missing_4, tmp_path):
    login_as(page, "chanhvanphong")
    page.goto(f"/dossier/{open_dossier_missing_4}")
    assert page.inner_text("#missing-list").strip().startswith("4. Báo cáo, tài liệu")

    scan = tmp_path / "bao-cao-quet.jpg"
    scan.write_bytes(jpg_bytes())
    page.select_option("#upload-form select[name=component]", "4")
    page.fill("#upload-form input[name=number_symbol]", "15/BC-CCKL")
    page.fill("#upload-form textarea[name=type_and_abstract]", "Báo cáo tình hình thực hiện nhiệm vụ (bản quét)")
    page.fill("#upload-form input[name=author]", "Chi cục Kiểm lâm")
    page.set_input_files("#upload-form input[name=file]", str(scan))
    with page.expect_navigation():
        page.click("#upload-form [type=submit]")
    assert "Đã thêm tài liệu" in page.inner_text(".alert-success")
    assert page.locator("#missing-list").count() == 0
    assert "đủ các thành phần bắt buộc" in page.inner_text("#complete-note")
    assert "15/BC-CCKL" in page.inner_text("#c4")

    with page.expect_navigation():
        page.click("#assemble-btn")
    page.wait_for_selector("#download-pdf", state="visible")
    with page.expect_download() as info:
        page.click("#download-pdf")
    pdf_path = tmp_path / "ho-so.pdf"
    info.value.save_as(pdf_path)
    assert "MỤC LỤC VĂN BẢN, TÀI LIỆU" in pdf_pages(pdf_path)[1]
    outline = PdfReader(pdf_path).outline
    assert "Chứng từ kết thúc" in [o.title for o in outline if not isinstance(o, list)]

    page.on("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#close-btn")
    assert page.inner_text("#dossier-state") == "Đã đóng hồ sơ"
    assert page.locator("#upload-form").count() == 0
    assert "Đã lập gói lưu trữ" in page.inner_text("main") or "gói lưu trữ" in page.content()
    with page.expect_download() as info:
        page.click("#download-zip")
    assert info.value.suggested_filename.endswith(".zip")
