"""Transfer to the historical archive (nộp lưu, issue 17): LT-17 = Điều 17 Luật Lưu trữ số
33/2024/QH15. Walk from the due list to the handover record and the export package, on a real
database, with the documents read back (python-docx, pypdf) and the ZIP opened."""

import datetime
import io
import json
import zipfile

import pytest

from inspection.disposition import queries, transfer
from inspection.disposition import rules as ar
from inspection.disposition.models import T_CANCELLED, T_HANDED, T_LISTED, Transfer
from inspection.dossier import operations, rules
from inspection.dossier.models import CLOSED, TRANSFERRED, Dossier
from inspection.errors import ValidationFailed
from tests.readback import docx_text, flat, pdf_text

pytestmark = pytest.mark.db
ARCHIVE = "Lưu trữ lịch sử tỉnh Quảng Ngãi"


def _closed(dossier, chief, retention="Vĩnh viễn"):
    Dossier.update(retention=retention).where(Dossier.id == dossier.id).execute()
    return operations.close(Dossier.get_by_id(dossier.id), chief, background=False)


# ---- pure rules ---------------------------------------------------------------------


def test_LT_17_due_year_is_five_years_after_entering_the_agency_archive():
    # entered the agency archive in 2020: at the historical archive by 2025 at the latest
    assert ar.transfer_due_year(2019, archived_year=2020) == 2025
    # never entered (paper dossier): at the latest the year after the work ended (LT-17)
    assert ar.transfer_due_year(2019) == 2025
    assert ar.due_for_transfer(CLOSED, "Vĩnh viễn", 2019, 2020, 2025)
    assert not ar.due_for_transfer(CLOSED, "Vĩnh viễn", 2019, 2020, 2024)
    assert not ar.due_for_transfer(CLOSED, "20 năm", 2000, 2001, 2026)  # only permanent dossiers go
    assert not ar.due_for_transfer(TRANSFERRED, "Vĩnh viễn", 2000, 2001, 2026)


def test_LT_17_refusals_cite_the_article():
    assert "chưa đóng" in ar.transfer_refusal("KT-1", "open", "Vĩnh viễn")
    assert "lần thứ hai" in ar.transfer_refusal("KT-1", TRANSFERRED, "Vĩnh viễn", ARCHIVE)
    assert "vĩnh viễn" in ar.transfer_refusal("KT-1", CLOSED, "10 năm")
    assert "hai đợt" in ar.transfer_refusal("KT-1", CLOSED, "Vĩnh viễn", other_batch=3)
    for message in (
        ar.transfer_refusal("KT-1", "open", "Vĩnh viễn"),
        ar.transfer_refusal("KT-1", CLOSED, "10 năm"),
    ):
        assert "Điều 17 Luật Lưu trữ số 33/2024/QH15" in message
    assert ar.transfer_refusal("KT-1", CLOSED, "Vĩnh viễn") is None


# ---- the walk -------------------------------------------------------------------------


def test_LT_17_transfer_walk_from_due_list_to_handover_and_export_package(app, dossier, chief):
    d = _closed(dossier, chief)
    due_year = ar.transfer_due_year(ar.end_year(d.year, d.end_on), d.archived_at.year)
    assert d.id in [row.id for row in queries.due_for_transfer(due_year)]
    assert d.id not in [row.id for row in queries.due_for_transfer(due_year - 1)]

    t = transfer.create(chief, ARCHIVE, [str(d.id)], planned_on=datetime.date(2026, 10, 1))
    t = transfer.issue(t, chief, on=datetime.date(2026, 10, 15))
    assert t.state == T_LISTED
    listing = flat(docx_text(t.list_docx.read_bytes()))
    assert "MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU" in listing and d.code in listing and ARCHIVE in listing
    assert d.code in flat(pdf_text(t.list_pdf.read_bytes()))
    handover = flat(pdf_text(t.handover_pdf.read_bytes()))
    assert "BIÊN BẢN" in handover and "Luật Lưu trữ số 33/2024/QH15" in handover and "BÊN NHẬN" in handover
    assert "BÊN GIAO" in flat(docx_text(t.handover_docx.read_bytes()))

    with zipfile.ZipFile(io.BytesIO(t.export_file.read_bytes())) as z:
        names = z.namelist()
        meta = json.loads(z.read("metadata.json"))
        folder = f"ho-so/{d.package_name}"
        assert f"{folder}/goi/bagit.txt" in names and f"{folder}/goi/manifest-sha512.txt" in names
        assert f"{folder}/goi/data/ho-so.pdf" in names
        assert "muc-luc-ho-so-nop-luu.pdf" in names and "bien-ban-giao-nhan.docx" in names
        one = json.loads(z.read(f"{folder}/metadata.json"))
    assert meta["ho_so"][0]["ma_ho_so"] == d.code == one["ma_ho_so"]
    assert one["thoi_han_luu_tru"] == "Vĩnh viễn" and one["tong_so_tai_lieu"] == len(one["tai_lieu"]) > 0
    assert {"so_ky_hieu", "ngay_van_ban", "ten_loai_trich_yeu", "sha256"} <= set(one["tai_lieu"][0])

    assert Dossier.get_by_id(d.id).state == CLOSED  # nothing moves before the handover is signed
    t = transfer.record_handover(t, chief, datetime.date(2026, 10, 20), "Nguyễn Văn Nam")
    moved = Dossier.get_by_id(d.id)
    assert t.state == T_HANDED and moved.state == TRANSFERRED and moved.transferred_to == ARCHIVE
    assert moved.transferred_at is not None and moved.is_closed
    # still findable, no longer editable, with where it went
    from inspection.dossier import queries as dossier_queries

    assert moved.id in [r.id for r in dossier_queries.search_archive(code=moved.code)]
    with pytest.raises(rules.DossierClosed) as err:
        operations.ensure_open(moved)
    assert ARCHIVE in err.value.message and "Điều 17" in err.value.message
    assert moved.id not in [row.id for row in queries.due_for_transfer(due_year + 5)]


def test_LT_17_bad_transfers_are_refused_and_nothing_is_written(app, dossier, chief):
    with pytest.raises(ValidationFailed, match="chưa đóng"):
        transfer.create(chief, ARCHIVE, [str(dossier.id)])  # still open
    assert Transfer.select().count() == 0
    d = _closed(dossier, chief)
    with pytest.raises(ValidationFailed, match="Lưu trữ lịch sử"):
        transfer.create(chief, "  ", [str(d.id)])
    with pytest.raises(ValidationFailed, match="chọn ít nhất một"):
        transfer.create(chief, ARCHIVE, ["999999"])
    with pytest.raises(ValidationFailed, match="không hợp lệ"):
        transfer.create(chief, ARCHIVE, ["１２"])
    first = transfer.create(chief, ARCHIVE, [str(d.id)])
    with pytest.raises(ValidationFailed, match="hai đợt"):
        transfer.create(chief, ARCHIVE, [str(d.id)])  # a second transfer of the same dossier
    assert Transfer.select().count() == 1
    transfer.cancel(first, chief, "Chọn nhầm đợt")  # reversible until the handover
    assert Transfer.get_by_id(first.id).state == T_CANCELLED
    again = transfer.issue(transfer.create(chief, ARCHIVE, [str(d.id)]), chief)
    transfer.record_handover(again, chief, datetime.date.today(), "Nguyễn Văn Nam")
    with pytest.raises(ValidationFailed, match="lần thứ hai"):
        transfer.create(chief, ARCHIVE, [str(d.id)])
    with pytest.raises(Exception, match="Đã giao nhận"):
        transfer.cancel(again, chief, "muộn")  # the handover is final


def test_LT_17_permanent_only(app, dossier, chief):
    d = _closed(dossier, chief, retention="20 năm")
    with pytest.raises(ValidationFailed, match="bảo quản vĩnh viễn"):
        transfer.create(chief, ARCHIVE, [str(d.id)])


# ---- over HTTP: the archivist's pages --------------------------------------------------


def test_LT_17_pages_walk_and_bad_input_shows_the_rule(app, client, login, dossier, chief, make_user):
    archivist = make_user(roles=["archivist"], username="luutru_t", full_name="Đặng Thị Thu")
    login(client, archivist.username)
    r = client.post("/archive/transfers/", data={"archive_name": ARCHIVE, "dossiers": [str(dossier.id)]})
    assert r.status_code == 400 and "chưa đóng" in r.text and "Điều 17" in r.text  # the open dossier
    assert Transfer.select().count() == 0
    d = _closed(dossier, chief)
    due_year = ar.transfer_due_year(ar.end_year(d.year, d.end_on), d.archived_at.year)
    page = client.get(f"/archive/transfers/?year={due_year}").text
    assert d.code in page and 'id="transfer-form"' in page
    r = client.post(
        f"/archive/transfers/?year={due_year}",
        data={"archive_name": ARCHIVE, "planned_on": "31/02/2031", "dossiers": [str(d.id)]},
    )
    assert r.status_code == 400 and "không hợp lệ" in r.text  # 31/02 is no date
    r = client.post(f"/archive/transfers/?year={due_year}", data={"archive_name": ARCHIVE, "dossiers": [str(d.id)]})
    assert r.status_code == 302
    t = Transfer.select().get()
    r = client.post(f"/archive/transfers/?year={due_year}", data={"archive_name": ARCHIVE, "dossiers": [str(d.id)]})
    assert r.status_code == 400 and "hai đợt" in r.text  # a second transfer of the same dossier
    assert client.post(f"/archive/transfers/{t.id}/issue").status_code == 302
    assert client.get(f"/archive/transfers/{t.id}/export.zip").status_code == 200
    r = client.post(f"/archive/transfers/{t.id}/handover", data={"signed_on": "01/01/2099", "recipient": "Nam"})
    assert r.status_code == 400 and "không sau hôm nay" in r.text
    today = datetime.date.today().strftime("%d/%m/%Y")
    r = client.post(f"/archive/transfers/{t.id}/handover", data={"signed_on": today, "recipient": "Nguyễn Văn Nam"})
    assert r.status_code == 302 and Transfer.get_by_id(t.id).state == T_HANDED
    page = client.get(f"/dossier/{d.id}").text
    assert "Đã nộp lưu vào " + ARCHIVE in page
    found = client.get(f"/archive/?code={d.code}").text  # still findable, with where it went
    assert d.code in found and "Đã nộp lưu vào Lưu trữ lịch sử: " + ARCHIVE in found
    login(client, chief.username)  # the Chief of Office reads but does not act
    assert client.get(f"/archive/transfers/{t.id}").status_code == 200
    assert client.post(f"/archive/transfers/{t.id}/cancel", data={"reason": "x"}).status_code == 403
