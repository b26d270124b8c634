"""The archivist transfers the demo's permanent dossier to the historical archive (issue 17,
LT-17 = Điều 17 Luật Lưu trữ số 33/2024/QH15): from the home page to the due list, a batch,
the transfer list, handover record and export package, and the signed handover."""

import json
import zipfile

import pytest

pytestmark = pytest.mark.e2e
ARCHIVE = "Lưu trữ lịch sử tỉnh Quảng Ngãi"


@pytest.fixture
def due(live_server):
    """The demo's closed permanent dossier and the year it is due at the historical archive."""
    from inspection import clock
    from inspection.db import db
    from inspection.disposition import rules as ar
    from inspection.dossier.models import CLOSED, Dossier

    with live_server.app.app_context(), db.connection_context():
        d = Dossier.select().where((Dossier.state == CLOSED) & (Dossier.retention == "Vĩnh viễn")).first()
        year = ar.transfer_due_year(ar.end_year(d.year, d.end_on), d.archived_at.year)
        return d.id, d.code, year, clock.today().strftime("%d/%m/%Y")


def test_archivist_transfers_a_dossier_from_due_list_to_handover(page, login_as, due, tmp_path):
    dossier_id, code, year, today = due
    page.on("dialog", lambda dialog: dialog.accept())
    login_as(page, "luutru")
    page.goto("/")
    assert "Đến hạn nộp lưu năm nay" in page.inner_text("#archive-due-transfer")
    with page.expect_navigation():
        page.click("#archive-due-transfer a")
    # The demo's batch in progress is cancelled: everything is reversible until the handover.
    with page.expect_navigation():
        page.click("#transfer-batches a")
    page.fill("input[name=reason]", "Lập lại đợt nộp lưu theo danh sách đến hạn")
    with page.expect_navigation():
        page.click("button:has-text('Hủy bỏ đợt')")
    assert "Đã hủy bỏ đợt nộp lưu" in page.inner_text("#transfer-state")

    page.goto(f"/archive/transfers/?year={year}")
    page.check(f"#transfer-form input[name=dossiers][value='{dossier_id}']")
    page.fill("#transfer-form input[name=archive_name]", ARCHIVE)
    page.fill("#transfer-form input[name=planned_on]", today)
    with page.expect_navigation():
        page.click("#create-transfer")
    assert "Đã lập đợt nộp lưu" in page.inner_text(".alert-success")
    assert code in page.inner_text("#transfer-dossiers")

    with page.expect_navigation():
        page.click("#issue-transfer")
    assert "Đã lập mục lục" in page.inner_text(".alert-success")
    with page.expect_download() as info:
        page.click("#export-link")
    path = tmp_path / "nop-luu.zip"
    info.value.save_as(path)
    with zipfile.ZipFile(path) as z:
        meta = json.loads(z.read("metadata.json"))
        assert "muc-luc-ho-so-nop-luu.pdf" in z.namelist() and "bien-ban-giao-nhan.pdf" in z.namelist()
    assert [h["ma_ho_so"] for h in meta["ho_so"]] == [code]

    page.fill("#handover-form input[name=signed_on]", today)
    page.fill("#handover-form input[name=recipient]", "Nguyễn Văn Nam")
    with page.expect_navigation():
        page.click("#record-handover")
    assert page.inner_text("#transfer-state") == "Đã giao nhận"
    page.goto(f"/dossier/{dossier_id}")
    assert ARCHIVE in page.inner_text("#dossier-transferred")
