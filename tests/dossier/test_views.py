"""Dossier pages, the archive browser and `flask archive verify` (R-17; Decree 30 Art. 29)."""

import io
import os
from pathlib import Path

import pytest

from inspection.dossier import operations
from inspection.dossier.models import Dossier, DossierItem
from tests.factories import jpg_bytes

pytestmark = pytest.mark.db


def test_R_17_page_shows_components_and_missing_list(client, login, chief, notified_case):
    login(client, chief.username)
    r = client.get(f"/cases/{notified_case.id}/dossier")
    assert r.status_code == 200 and "Lập hồ sơ" in r.text
    r = client.post(f"/cases/{notified_case.id}/dossier")
    assert r.status_code == 302
    d = Dossier.get(Dossier.case == notified_case)
    page = client.get(f"/dossier/{d.id}").text
    assert "05/QĐ-SNN" in page and "đủ các thành phần bắt buộc" in page
    for item in DossierItem.select().where(DossierItem.component == 7):
        operations.remove_item(item, chief, "Bản trùng")
    page = client.get(f"/dossier/{d.id}").text
    assert 'id="missing-list"' in page and "7. Báo cáo kết quả kiểm tra" in page


def test_upload_form_keeps_the_users_data_on_error(client, login, chief, dossier):
    login(client, chief.username)
    r = client.post(
        f"/dossier/{dossier.id}/upload",
        data={
            "component": "4",
            "type_and_abstract": "Báo cáo & số liệu <quý I>",
            "number_symbol": "15/BC",
            "file": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "bao-cao.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert r.status_code == 400
    assert "Nội dung tệp không phải loại được chấp nhận" in r.text
    assert "Báo cáo &amp; số liệu &lt;quý I&gt;" in r.text and 'value="15/BC"' in r.text
    r = client.post(
        f"/dossier/{dossier.id}/upload",
        data={
            "component": "4",
            "type_and_abstract": "Báo cáo quý I (bản quét)",
            "file": (io.BytesIO(jpg_bytes()), "quet.jpg"),
        },
        content_type="multipart/form-data",
    )
    assert r.status_code == 302
    assert DossierItem.get(DossierItem.type_and_abstract == "Báo cáo quý I (bản quét)").file.kind == "jpg"


def test_R_17_closed_dossier_refuses_changes_over_http(client, login, chief, dossier):
    login(client, chief.username)
    r = client.post(f"/dossier/{dossier.id}/close")
    assert r.status_code == 302
    item = operations.active_items(dossier)[0]
    for url, data in [
        (
            f"/dossier/{dossier.id}/upload",
            {"component": "8", "type_and_abstract": "x", "file": (io.BytesIO(jpg_bytes()), "a.jpg")},
        ),
        (f"/dossier/items/{item.id}/remove", {"reason": "x"}),
        (f"/dossier/items/{item.id}/move", {"direction": "1"}),
        (f"/dossier/{dossier.id}/refresh", {}),
        (f"/dossier/{dossier.id}/close", {}),
    ]:
        r = client.post(url, data=data, content_type="multipart/form-data")
        assert r.status_code == 409, url
        assert "Hồ sơ kiểm tra đã đóng" in r.text
    page = client.get(f"/dossier/{dossier.id}").text
    assert "Đã đóng hồ sơ" in page and 'id="upload-form"' not in page


def test_archivist_reads_closed_dossiers_only_and_searches_the_archive(client, login, chief, dossier, make_user):
    archivist = make_user(roles=["archivist"])
    login(client, archivist.username)
    assert client.get(f"/dossier/{dossier.id}").status_code == 403
    operations.close(dossier, chief)
    assert client.get(f"/dossier/{dossier.id}").status_code == 200
    assert client.get("/archive/?q=kiem lam").text.count(dossier.code) >= 1
    assert dossier.code in client.get("/archive/?year=2026&code=KT-2026").text
    assert dossier.code not in client.get("/archive/?year=2025").text
    assert dossier.code not in client.get("/archive/?q=thuy san").text
    r = client.get("/archive/verify")
    assert r.status_code == 200 and "Đã kiểm tra 1 gói: 1 toàn vẹn, 0 có lỗi." in r.text
    assert client.post(f"/dossier/{dossier.id}/upload").status_code == 409


def test_unit_officer_cannot_open_dossiers(client, login, dossier, make_user):
    officer = make_user(roles=["unit_officer"])
    login(client, officer.username)
    assert client.get(f"/dossier/{dossier.id}").status_code == 403
    assert client.get("/archive/").status_code == 403


def test_R_17_archive_verify_command_names_the_tampered_file(app, chief, dossier):
    closed = operations.close(dossier, chief)
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["archive", "verify"])
    assert ok.exit_code == 0 and "1 toàn vẹn, 0 có lỗi" in ok.output
    pdf = Path(app.config["ARCHIVE_DIR"], "packages", closed.package_name, "data", "ho-so.pdf")
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0xFF
    pdf.write_bytes(bytes(data))
    bad = runner.invoke(args=["archive", "verify"])
    assert bad.exit_code == 1
    assert f"{closed.package_name}: bị thay đổi" in bad.output and "data/ho-so.pdf" in bad.output
    os.rename(pdf.parent.parent, pdf.parent.parent.with_name(".moved-away"))
    gone = runner.invoke(args=["archive", "verify"])
    assert gone.exit_code == 1 and f"{closed.package_name}: bị mất" in gone.output


def test_assembly_progress_and_download(client, login, chief, dossier):
    login(client, chief.username)
    r = client.post(f"/dossier/{dossier.id}/assemble")
    assert r.status_code == 302
    job_url = r.headers["Location"].split("job=")[1].split("#")[0]
    status = client.get(f"/dossier/jobs/{job_url}").get_json()
    assert status["state"] == "done" and status["percent"] == 100
    pdf = client.get(status["pdf"])
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert client.get(status["zip"]).data.startswith(b"PK")


def test_refused_removal_shows_the_message_beside_that_row(client, login, chief, dossier):
    # One idiom for refusals (issue 9): a removal needs its reason, said once, beside the row.
    login(client, chief.username)
    item = DossierItem.select().where(DossierItem.dossier == dossier).first()
    r = client.post(f"/dossier/items/{item.id}/remove", data={"reason": ""})
    message = "Hãy ghi lý do loại tài liệu (bản trùng, bản nháp...)."
    assert r.status_code == 400 and r.text.count(message) == 1
    assert f'<div class="invalid-feedback d-block">{message}</div>' in r.text
    assert not DossierItem.get_by_id(item.id).removed
