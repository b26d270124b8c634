"""Reading the Office's own register sheet (issue 3, R-5.1): pure parsing, no database."""

import datetime
import shutil
import zipfile

import openpyxl
import pytest

from inspection.demo import UNITS as DEMO_UNITS
from inspection.register import excel_cells as cells
from inspection.register import excel_import as xi
from tests.register.excel_fixtures import FIXTURE

D = datetime.date
UNITS = [dict(id=i, name=n, abbreviation=a, aliases=al) for i, (n, a, al, _k) in enumerate(DEMO_UNITS, 1)]
ID = {u["abbreviation"]: u["id"] for u in UNITS}
# Sheet rows of the fixture that hold tasks: 10..73 without blank rows 18, 22, 40 and section row 58.
TASK_ROWS = [r for r in range(10, 74) if r not in (18, 22, 40, 58)]


@pytest.fixture(scope="module")
def parsed():
    return xi.read_sheet(FIXTURE, UNITS)


def by_row(result, number):
    return next(r for r in result.rows if r["row"] == number)


def copy_fixture(tmp_path, edit=None):
    wb = openpyxl.load_workbook(FIXTURE)
    if edit:
        edit(wb.active)
    path = tmp_path / "sheet.xlsx"
    wb.save(path)
    return path


def test_two_level_merged_header_is_found(parsed):
    header, mapping, _ = parsed
    assert (header.top_row, header.data_start) == (7, 9)
    assert header.labels[1] == "Văn bản giao nhiệm vụ / Số, ký hiệu"
    assert header.as_of == D(2026, 11, 19)
    assert header.title.startswith("BẢNG THEO DÕI TÌNH HÌNH THỰC HIỆN NHIỆM VỤ")
    assert mapping == {
        "stt": 0,
        "number_symbol": 1,
        "issued_on": 2,
        "issuer": 3,
        "abstract": 4,
        "received_on": 5,
        "summary": 6,
        "lead_unit": 7,
        "cooperating_units": 8,
        "monitor": 9,
        "deadline": 10,
        "progress": 11,
        "note": 12,
    }


def test_fixture_rows_and_pinned_error_list(parsed):
    _, _, result = parsed
    assert [r["row"] for r in result.rows] == TASK_ROWS
    assert len(result.rows) == 60
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (74, "C – Ngày ban hành", "Ngày không tồn tại «31/02/2026»"),
        (74, "H – Đơn vị chủ trì", "Không tìm thấy đơn vị «Phòng Không Tồn Tại» trong danh mục đơn vị"),
    ]
    assert str(result.errors[0]) == "Dòng 74, cột C – Ngày ban hành: Ngày không tồn tại «31/02/2026»"
    # The row with only a note is listed, not imported; sections, blanks, total and signatures are skipped.
    assert [(n.row, n.message) for n in result.notices] == [(75, "Bỏ qua: dòng không có nội dung nhiệm vụ.")]
    assert by_row(result, 10)["section"] == "I. NHIỆM VỤ CÓ THỜI HẠN"
    assert by_row(result, 59)["section"] == "II. NHIỆM VỤ KHÔNG CÓ THỜI HẠN"


def test_R_5_1a_dates_in_every_form_the_sheet_uses(parsed):
    result = parsed[2]
    row = by_row(result, 10)["document"]
    assert (row["issued_on"], row["received_on"]) == (D(2026, 6, 19), D(2026, 6, 20))  # text, Excel date
    assert by_row(result, 11)["document"]["received_on"] == D(2026, 4, 29)  # '29/04/26'
    assert by_row(result, 11)["task"]["deadline"] == D(2026, 6, 11)  # 'Trước ngày 11/06/2026'
    assert by_row(result, 10)["task"]["deadline"] == D(2026, 7, 18)  # Excel date


def test_R_5_1d_deadline_none_or_recurring(parsed):
    result = parsed[2]
    t = lambda n: by_row(result, n)["task"]  # noqa: E731
    assert (t(59)["deadline"], t(59)["recurrence"]) == (None, "")  # 'Không thời hạn'
    assert (t(61)["deadline"], t(61)["recurrence"]) == (None, "")  # empty cell
    assert (t(62)["recurrence"], t(62)["recurrence_day"]) == ("monthly", 20)  # 'Trước ngày 20 hằng tháng'
    assert (t(64)["recurrence"], t(64)["recurrence_day"]) == ("monthly", None)  # 'Hằng tháng'


def test_R_5_1c_units_by_name_abbreviation_alias_with_stray_spaces(parsed):
    result = parsed[2]
    t = lambda n: by_row(result, n)["task"]  # noqa: E731
    assert t(10)["lead_unit_id"] == ID["TTr"]  # '  Thanh tra Sở '
    assert t(12)["lead_unit_id"] == ID["TCCB"]
    assert t(12)["cooperating_unit_ids"] == [ID["TTNS"], ID["CCPTNT"]]  # 'A; B'
    assert t(17)["cooperating_unit_ids"] == [ID["CCTT&BVTV"], ID["TTNS"]]  # 'CCTT&BVTV, TTNS'
    assert t(17)["lead_unit_id"] == ID["VPĐP"]
    assert t(29)["lead_unit_id"] == ID["CCCN&TY"]
    assert (t(10)["monitor_unit_id"], t(10)["monitor_officer_name"]) == (ID["VP"], "Trần Văn Bình")


def test_R_5_1e_progress_texts_and_result_document(parsed):
    result = parsed[2]
    t = lambda n: by_row(result, n)["task"]  # noqa: E731
    assert t(10)["state"] == cells.NOT_STARTED  # empty
    assert t(11)["state"] == cells.IN_PROGRESS
    assert t(12)["state"] == cells.NOT_STARTED
    assert t(14)["state"] == cells.COMPLETED and t(14)["result_doc_date"] is None
    report = t(24)
    assert report["state"] == cells.COMPLETED
    assert (report["result_doc_number"], report["result_doc_date"]) == ("2315/SNN-KHTC", D(2026, 10, 12))
    assert report["result_text"].startswith("Đã báo cáo UBND tỉnh")


def test_R_1_issuers_and_R_3_2_document_types(parsed):
    result = parsed[2]
    doc = lambda n: by_row(result, n)["document"]  # noqa: E731
    assert [doc(n)["issuer_kind"] for n in (10, 11, 13, 21)] == ["giam_doc", "ubnd_tinh", "vp_ubnd_tinh", "chu_tich"]
    assert doc(11)["doc_type"] == "cong_van"
    assert doc(13)["issuer_name"] == "Văn phòng UBND tỉnh"


@pytest.mark.parametrize(
    "symbol,expected",
    [
        ("4827/UBND-HTKT", "cong_van"),
        ("123/QĐ-UBND", "quyet_dinh"),
        ("12/2026/QĐ-UBND", "quyet_dinh"),
        ("05/CT-UBND", "chi_thi"),
        ("03/CĐ-UBND", "cong_dien"),
        ("45/TB-UBND", "thong_bao_ket_luan"),
        ("88/KH-UBND", "ke_hoach"),
        ("15/BC-SNN", "khac"),
        ("15/TTr-SNN", "khac"),
        ("abc", "khac"),
    ],
)
def test_R_3_2_document_type_from_symbol(symbol, expected):
    assert cells.read_doc_type(symbol) == expected


@pytest.mark.parametrize(
    "text,kind",
    [
        ("UBND tỉnh", "ubnd_tinh"),
        ("Chủ tịch UBND tỉnh", "chu_tich"),
        ("Phó Chủ tịch UBND tỉnh", "pho_chu_tich"),
        ("Văn phòng UBND tỉnh", "vp_ubnd_tinh"),
        ("VP UBND tỉnh", "vp_ubnd_tinh"),
        ("Giám đốc Sở", "giam_doc"),
        ("Phó Giám đốc Sở", "pho_giam_doc"),
        ("Bộ Nông nghiệp và PTNT", "khac"),
    ],
)
def test_R_1_issuer_texts(text, kind):
    assert cells.read_issuer(text)[0] == kind


def test_R_1_issuer_from_symbol_when_cell_empty():
    assert cells.read_issuer("", "4827/UBND-HTKT") == ("ubnd_tinh", "")
    with pytest.raises(cells.CellError, match="Thiếu cơ quan ban hành"):
        cells.read_issuer("", "")


@pytest.mark.parametrize(
    "value,expected",
    [
        (datetime.datetime(2026, 6, 20), D(2026, 6, 20)),
        ("19/06/2026", D(2026, 6, 19)),
        ("03/07/26", D(2026, 7, 3)),
        ("Trước ngày 11/06/2026", D(2026, 6, 11)),
        (46000, D(2025, 12, 9)),
        ("1.2.2026", D(2026, 2, 1)),
        (None, None),
    ],
)
def test_read_date_forms(value, expected):
    assert cells.read_date(value) == expected


@pytest.mark.parametrize(
    "value,message",
    [
        ("31/02/2026", "Ngày không tồn tại «31/02/2026»"),
        ("sắp tới", "Không đọc được ngày «sắp tới»"),
        (5, "Không đọc được ngày «5»"),
    ],
)
def test_read_date_refuses_impossible_dates(value, message):
    with pytest.raises(cells.CellError) as exc:
        cells.read_date(value)
    assert str(exc.value).startswith(message)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("Không thời hạn", (None, "", None)),
        ("Hằng quý", (None, "quarterly", None)),
        ("Báo cáo 6 tháng", (None, "half_yearly", None)),
        ("Hằng năm, trước ngày 15", (None, "yearly", 15)),
        ("hàng tháng", (None, "monthly", None)),
        ("15/03/2026", (D(2026, 3, 15), "", None)),
    ],
)
def test_R_5_1d_deadline_texts(value, expected):
    assert cells.read_deadline(value) == expected


def test_R_5_1d_unreadable_deadline_is_an_error():
    with pytest.raises(cells.CellError, match="Không đọc được thời hạn «sớm nhất có thể»"):
        cells.read_deadline("sớm nhất có thể")


def test_unit_matching_ignores_case_spaces_diacritics_and_punctuation():
    index = cells.UnitIndex(UNITS)
    for spelling in ("chi cuc kiem lam", "  CHI CỤC KIỂM LÂM ", "Chi cục KL", "cckl"):
        assert index.find(spelling) == ID["CCKL"]
    assert index.find("CCTT & BVTV") == ID["CCTT&BVTV"]
    assert index.find_many("TCCB;KHTC\nTTNS") == [ID["TCCB"], ID["KHTC"], ID["TTNS"]]
    with pytest.raises(cells.CellError, match="«Phòng Ma»"):
        index.find_many("TCCB, Phòng Ma")


def test_ambiguous_alias_is_refused():
    index = cells.UnitIndex(
        [
            dict(id=1, name="Phòng A", abbreviation="PA", aliases="X"),
            dict(id=2, name="Phòng B", abbreviation="PB", aliases="x"),
        ]
    )
    with pytest.raises(cells.CellError, match="trùng với nhiều đơn vị"):
        index.find("X")


def test_unknown_progress_text_is_an_error():
    with pytest.raises(cells.CellError, match="Không nhận ra tình hình thực hiện"):
        cells.read_progress("xyz")
    assert cells.read_progress("Đã trả lại do không thuộc thẩm quyền")["state"] == cells.RETURNED


def _set(ws, **cells_):
    for ref, value in cells_.items():
        ws[ref] = value


def test_R_5_1_bad_rows_give_row_column_reason(tmp_path):
    def edit(ws):
        _set(ws, K10="01/01/2026")  # deadline before receipt (20/06/2026)
        _set(ws, G11=None)  # no summary
        _set(ws, F12="01/01/2026")  # received before issued (14/07/2026)
        _set(ws, B13=None)  # no number
        _set(ws, L14="Tốt")  # unknown progress

    _, _, result = xi.read_sheet(copy_fixture(tmp_path, edit), UNITS)
    got = {(e.row, e.column.split(" – ")[0]): e.message for e in result.errors if e.row != 74}
    assert got == {
        (10, "K"): "Thời hạn trước ngày nhận văn bản (điểm đ khoản 1 Điều 5)",
        (11, "G"): "Thiếu nội dung nhiệm vụ (điểm b khoản 1 Điều 5)",
        (12, "F"): "Ngày nhận trước ngày ban hành văn bản",
        (13, "B"): "Thiếu số, ký hiệu văn bản (điểm a khoản 1 Điều 5)",
        (14, "L"): got[(14, "L")],
    }
    assert got[(14, "L")].startswith("Không nhận ra tình hình thực hiện «Tốt»")


def test_same_task_twice_and_conflicting_document_are_errors(tmp_path):
    def edit(ws):
        for col in "ABCDEFGHIJKLM":
            ws[f"{col}18"] = ws[f"{col}10"].value  # row 18 (blank) repeats row 10
        _set(
            ws, B22="2766/SNN-VP", C22="01/07/2026", D22="Giám đốc Sở", F22="02/07/2026", G22="Việc khác", H22="TCCB"
        )  # same number, same issuer and year, other issue date

    _, _, result = xi.read_sheet(copy_fixture(tmp_path, edit), UNITS)
    messages = {e.row: e.message for e in result.errors}
    assert messages[18] == "Nhiệm vụ trùng với dòng 10 (cùng văn bản, nội dung, đơn vị chủ trì)"
    assert messages[22].startswith("Số, ký hiệu «2766/SNN-VP» đã có ở dòng 10 với ngày ban hành khác")


def test_rows_of_one_document_share_it(tmp_path):
    def edit(ws):
        _set(
            ws,
            B18="2766/SNN-VP",
            C18="19/06/2026",
            D18="Giám đốc Sở",
            F18="20/06/2026",
            G18="Nhiệm vụ thứ hai của văn bản",
            H18="TCCB",
        )

    _, _, result = xi.read_sheet(copy_fixture(tmp_path, edit), UNITS)
    assert xi.document_key(by_row(result, 18)["document"]) == xi.document_key(by_row(result, 10)["document"])


def test_mapping_checks():
    assert xi.check_mapping({"number_symbol": 1, "received_on": 5, "summary": 6, "lead_unit": 7}) == []
    problems = xi.check_mapping({"number_symbol": 1, "received_on": 1, "summary": 6})
    assert "Chưa chọn cột cho «Đơn vị chủ trì»." in problems
    assert "Cột B được chọn cho cả «Số, ký hiệu» và «Ngày nhận»." in problems


def test_user_mapping_is_used(tmp_path):
    header, mapping, _ = xi.read_sheet(FIXTURE, UNITS)
    mapping = {k: v for k, v in mapping.items() if k != "progress"}  # the user leaves a column out
    _, _, result = xi.read_sheet(FIXTURE, UNITS, mapping=mapping)
    assert all(r["task"]["state"] == cells.NOT_STARTED for r in result.rows)


def test_sheet_without_header_is_refused(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["a", "b", "c"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(xi.WorkbookRefused, match="Không tìm thấy dòng tiêu đề cột"):
        xi.read_sheet(tmp_path / "x.xlsx", UNITS)


def test_not_a_workbook_is_refused_by_content(tmp_path):
    fake = tmp_path / "so-theo-doi.xlsx"
    fake.write_bytes(b"%PDF-1.7\n...")
    with pytest.raises(xi.WorkbookRefused, match="Tệp không phải bảng tính Excel"):
        xi.open_workbook(fake)
    plain_zip = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(plain_zip, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(xi.WorkbookRefused, match="Tệp không phải bảng tính Excel"):
        xi.open_workbook(plain_zip)


def test_zip_bomb_is_refused(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    shutil.copy(FIXTURE, bomb)
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/padding.bin", b"\0" * (8 * 1024 * 1024))  # inflates ~1000 times
    with pytest.raises(xi.WorkbookRefused, match="nghi là tệp nén độc hại"):
        xi.open_workbook(bomb)
    with pytest.raises(xi.WorkbookRefused, match="bung ra quá lớn"):
        xi.open_workbook(FIXTURE, max_uncompressed=10_000)


def test_broken_zip_is_refused(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"garbage" * 100)
    with pytest.raises(xi.WorkbookRefused, match="bị hỏng"):
        xi.open_workbook(broken)


def test_single_level_header_other_order_and_numbering_row(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DANH MỤC NHIỆM VỤ"])
    ws.append(
        ["TT", "Nội dung công việc", "Chủ trì", "Phối hợp", "Số hiệu văn bản", "Ngày đến", "Hạn xử lý", "Cơ quan giao"]
    )
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"])
    ws.append(
        [
            1,
            "Báo cáo tình hình sâu bệnh",
            "cctt & bvtv",
            "TTKN\nCCKL",
            "15/CĐ-UBND",
            "05/11/2026",
            "Hằng quý",
            "UBND tỉnh",
        ]
    )
    ws.append(["Cộng: 1 nhiệm vụ"])
    ws.append([None, None, "GIÁM ĐỐC"])
    wb.save(tmp_path / "khac.xlsx")
    header, mapping, result = xi.read_sheet(tmp_path / "khac.xlsx", UNITS)
    assert (header.top_row, header.data_start) == (2, 4)
    assert mapping == {
        "stt": 0,
        "summary": 1,
        "lead_unit": 2,
        "cooperating_units": 3,
        "number_symbol": 4,
        "received_on": 5,
        "deadline": 6,
        "issuer": 7,
    }
    assert result.errors == [] and len(result.rows) == 1
    row = result.rows[0]
    assert row["document"]["doc_type"] == "cong_dien" and row["task"]["kind"] == "report"
    assert row["task"]["lead_unit_id"] == ID["CCTT&BVTV"]
    assert row["task"]["cooperating_unit_ids"] == [ID["TTKN"], ID["CCKL"]]
    assert row["task"]["recurrence"] == "quarterly"
