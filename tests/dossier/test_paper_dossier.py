"""Past paper dossiers registered into the archive (issue 17; Luật Lưu trữ 2024 - Law 33/2024/QH15;
retention counted from the year the work ended, Thông tư 10/2022/TT-BNV; docs/archive.md)."""

import io
import os

import pytest
from PIL import Image

from inspection.dossier import archive, paper
from inspection.dossier.models import Dossier, DossierItem, RetentionLine
from inspection.errors import Conflict, ValidationFailed
from inspection.uploads import StoredFile
from tests.factories import jpg_bytes, pdf_bytes

pytestmark = pytest.mark.db


@pytest.fixture
def archivist(app, make_user):
    return make_user(roles=("archivist",), username="luutru1")


def tiff_bytes():
    buf = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(buf, "TIFF")
    return buf.getvalue()


def form_data(**over):
    data = {
        "code": "KT-2015-004",
        "title": "Hồ sơ kiểm tra việc thực hiện nhiệm vụ tại Chi cục Thủy lợi năm 2015",
        "start_on": "02/03/2015",
        "end_on": "30/06/2015",
        "units_text": "Chi cục Thủy lợi",
        "sheets": "48",
        "retention_line": "KT-KH",
        "location_shelf": "K2",
        "location_box": "H05",
    }
    data.update(over)
    return data


def post(client, data, files):
    return client.post(
        "/archive/paper/new",
        data={**data, "scans": [(io.BytesIO(b), n) for n, b in files]},
        content_type="multipart/form-data",
    )


def test_issue_17_register_a_paper_dossier_and_find_it_with_a_verifiable_package(app, client, login, archivist):
    login(client, archivist.username)
    assert client.get("/archive/paper/new").status_code == 200
    r = post(
        client,
        form_data(),
        [("quet-1.pdf", pdf_bytes("Trang quét")), ("anh.jpg", jpg_bytes()), ("t.tif", tiff_bytes())],
    )
    assert r.status_code == 302, r.text
    d = Dossier.get(Dossier.code == "KT-2015-004")
    assert d.case_id is None and d.digitised and d.state == "closed"
    assert d.retention == "20 năm" and d.retention_line.code == "KT-KH"
    assert d.sheets == 48 and (d.location_shelf, d.location_box) == ("K2", "H05")
    items = list(DossierItem.select().where(DossierItem.dossier == d))
    assert len(items) == 3 and all(i.file.kind == "pdf" for i in items)  # images became PDF pages
    # the same BagIt package as an app dossier: fixity holds, marked as digitised
    path = os.path.join(app.config["ARCHIVE_DIR"], "packages", d.package_name)
    assert archive.check_package(path).ok
    info = open(os.path.join(path, "bag-info.txt"), encoding="utf-8").read()
    assert "Digitised-From-Paper: Bản số hóa từ hồ sơ giấy" in info and "Paper-Location: K2 / H05" in info
    assert archive.verify_all(app.config["ARCHIVE_DIR"], expected=[d.package_name]).ok
    # the archive search finds it; its page shows where the paper stands
    found = client.get("/archive/?q=thuy+loi").text
    assert "KT-2015-004" in found
    assert client.get(f"/dossier/{d.id}").status_code == 302
    page = client.get(f"/archive/paper/{d.id}").text
    assert "Giá/kệ K2, hộp H05" in page and "Bản số hóa từ hồ sơ giấy" in page


def test_issue_17_a_scan_that_is_not_a_pdf_or_image_is_refused_and_nothing_is_written(app, client, login, archivist):
    login(client, archivist.username)
    files_before = StoredFile.select().count()
    r = post(client, form_data(), [("quet.pdf", pdf_bytes()), ("virus.pdf", b"MZ\x90\x00 not a scan")])
    assert r.status_code == 400
    assert "nội dung không phải bản quét PDF hoặc ảnh" in r.text
    assert not Dossier.select().where(Dossier.code == "KT-2015-004").exists()
    assert StoredFile.select().count() == files_before
    packages = os.path.join(app.config["ARCHIVE_DIR"], "packages")
    assert not os.path.isdir(packages) or not [n for n in os.listdir(packages) if not n.startswith(".")]


def test_issue_17_retention_comes_from_the_schedule_not_a_free_number(app, client, login, archivist):
    login(client, archivist.username)
    r = post(client, form_data(retention_line="37 năm"), [("a.pdf", pdf_bytes())])
    assert r.status_code == 400 and "bảng thời hạn bảo quản" in r.text
    line = RetentionLine.get(RetentionLine.code == "KT-KH")
    line.active = False
    line.save()
    with pytest.raises(ValidationFailed):
        paper.clean(form_data())


def test_issue_17_codes_are_unique_and_checked(app, archivist):
    values = paper.clean(form_data())
    paper.register(archivist, values, [paper.check_scan(pdf_bytes(), "a.pdf")])
    with pytest.raises(Conflict):
        paper.register(archivist, paper.clean(form_data()), [paper.check_scan(pdf_bytes(), "b.pdf")])
    with pytest.raises(Conflict):  # another code, the same package folder name
        paper.refuse_taken("kt/2015/004")
    with pytest.raises(ValidationFailed, match="Mã hồ sơ chỉ gồm"):
        paper.clean(form_data(code="KT 2015 <4>"))
    with pytest.raises(ValidationFailed, match="Ngày kết thúc không được trước"):
        paper.clean(form_data(start_on="01/07/2015"))


def test_issue_17_the_archive_search_by_unit_finds_paper_dossiers_by_their_units_text(app, client, login, archivist):
    from tests.factories import unit

    thuy_loi = unit(name="Chi cục Thủy lợi", abbreviation="CCTL")
    other = unit(name="Chi cục Kiểm lâm", abbreviation="CCKL")
    paper.register(archivist, paper.clean(form_data()), [paper.check_scan(pdf_bytes(), "a.pdf")])
    login(client, archivist.username)
    assert "KT-2015-004" in client.get(f"/archive/?unit={thuy_loi.id}").text
    assert "KT-2015-004" not in client.get(f"/archive/?unit={other.id}").text


def test_issue_17_the_place_and_line_are_corrected_with_history_and_a_free_period_is_refused(
    app, client, login, archivist
):
    from inspection.audit import AuditEntry

    d = paper.register(archivist, paper.clean(form_data()), [paper.check_scan(pdf_bytes(), "a.pdf")])
    login(client, archivist.username)
    assert client.get(f"/archive/paper/{d.id}/edit").status_code == 200
    r = client.post(f"/archive/paper/{d.id}/edit", data={"retention_line": "10 năm", "location_shelf": "K9"})
    assert r.status_code == 400 and "bảng thời hạn bảo quản" in r.text
    r = client.post(
        f"/archive/paper/{d.id}/edit", data={"retention_line": "KT-VV", "location_shelf": "K9", "location_box": "H1"}
    )
    assert r.status_code == 302
    d = Dossier.get_by_id(d.id)
    assert (d.location_shelf, d.location_box, d.retention) == ("K9", "H1", "Vĩnh viễn")
    entry = (
        AuditEntry.select()
        .where((AuditEntry.table == "dossier") & (AuditEntry.record_id == d.id))
        .order_by(AuditEntry.id.desc())
        .first()
    )
    assert '"location_shelf": "K2"' in entry.before and '"location_shelf": "K9"' in entry.after


def test_issue_17_images_become_pdf_pages_png_with_transparency_and_multipage_tiff():
    png = io.BytesIO()
    Image.new("RGBA", (200, 300), (255, 255, 255, 0)).save(png, "PNG")
    assert paper.check_scan(png.getvalue(), "a.png").pages == 1
    tif = io.BytesIO()
    frames = [Image.new("RGB", (200, 300), c) for c in ("white", "gray", "black")]
    frames[0].save(tif, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_lzw")
    assert paper.check_scan(tif.getvalue(), "b.tif").pages == 3
    with pytest.raises(ValidationFailed, match="PDF bị hỏng"):
        paper.check_scan(b"%PDF-1.4 broken", "c.pdf")
    with pytest.raises(ValidationFailed, match="tệp rỗng"):
        paper.check_scan(b"", "d.pdf")
