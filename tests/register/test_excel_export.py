"""The register exported as the Office's sheet: reopens with openpyxl, same rows, never secret (R-5.2)."""

import datetime

import openpyxl
import pytest

from inspection.register import excel_import as xi
from inspection.register import import_ops, operations, queries
from inspection.register.excel_cli import OFFICE_VIEW, write_export
from inspection.register.models import Task
from inspection.workdays import WorkCalendar
from tests.register.excel_fixtures import TODAY, sheet, without_bad_row

pytestmark = pytest.mark.db
CAL = WorkCalendar()
D = datetime.date


@pytest.fixture
def imported(app, tracker, tmp_path):
    header, _, result = xi.read_sheet(sheet(tmp_path, without_bad_row), import_ops.active_units())
    import_ops.commit_import(tracker, result, as_of=header.as_of, calendar=CAL, today=TODAY)
    return result


@pytest.fixture
def secret_task(app, tracker, dept_units):
    doc, tasks = operations.register_document(
        tracker,
        dict(
            number_symbol="77/QĐ-UBND",
            doc_type="quyet_dinh",
            issuer_kind="ubnd_tinh",
            issuer_name="",
            signer="",
            issued_on=D(2026, 11, 2),
            received_on=D(2026, 11, 3),
            channel="giay",
            abstract="",
            secret_level="mat",
            is_complex=False,
        ),
        [dict(summary="", lead_unit=dept_units["CCKL"], deadline=D(2026, 12, 1))],
        CAL,
        on=TODAY,
    )
    return tasks[0]


def _export(tmp_path, user=OFFICE_VIEW, **filters):
    path = tmp_path / "xuat.xlsx"
    n = write_export(path, user, queries.Filters(**filters))
    return n, openpyxl.load_workbook(path)


def test_export_reopens_with_the_same_rows(imported, tmp_path):
    n, wb = _export(tmp_path)
    assert n == 60
    ws = wb.active
    numbers = [ws.cell(r, 2).value for r in range(10, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)]
    assert sorted(numbers) == sorted(r["document"]["number_symbol"] for r in imported.rows)
    # Re-read with the importer: every row parses, and re-importing creates nothing new.
    _, _, again = xi.read_sheet(tmp_path / "xuat.xlsx", import_ops.active_units())
    assert again.errors == [] and len(again.rows) == 60
    assert {r["source_key"] for r in again.rows} == {r["source_key"] for r in imported.rows}


def test_export_layout(imported, tmp_path):
    _, wb = _export(tmp_path)
    ws = wb.active
    assert ws["A4"].value == "BẢNG THEO DÕI TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"
    assert ws["A5"].value.startswith("(Cập nhật đến ngày ")
    assert [ws.cell(7, c).value for c in (1, 2, 6, 12)] == [
        "STT",
        "Văn bản giao nhiệm vụ",
        "Ngày nhận",
        "Tình hình thực hiện",
    ]
    assert [ws.cell(8, c).value for c in range(2, 6)] == [
        "Số, ký hiệu",
        "Ngày ban hành",
        "Cơ quan ban hành",
        "Trích yếu",
    ]
    assert "B7:E7" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A9"].value == "I. NHIỆM VỤ CÓ THỜI HẠN"
    assert "II. NHIỆM VỤ KHÔNG CÓ THỜI HẠN" in [ws.cell(r, 1).value for r in range(10, ws.max_row + 1)]
    assert ws.freeze_panes == "A9" and ws.auto_filter.ref == f"A8:M{ws.max_row}"
    assert ws["B10"].border.left.style == "thin" and ws["C10"].number_format == "DD/MM/YYYY"
    assert ws.column_dimensions["G"].width == 48
    statuses = {ws.cell(r, 12).value for r in range(10, ws.max_row + 1)}
    assert {"Đã hoàn thành quá hạn", "Chưa thực hiện quá hạn", "Không có thời hạn"} <= statuses


def test_export_filtered_as_on_screen(imported, tmp_path):
    f = dict(q="sam ngoc linh")
    expected = queries.filtered_tasks(OFFICE_VIEW, queries.Filters(**f), operations.today(), CAL, 3).count()
    n, wb = _export(tmp_path, **f)
    assert n == expected == 5
    assert wb.active["A6"].value == "(Lọc: tìm «sam ngoc linh»)"


def test_R_5_2_secret_tasks_never_in_exports(imported, secret_task, tracker, make_user, dept_units, tmp_path):
    assert Task.select().where(Task.is_secret == True).count() == 1  # noqa: E712
    cleared = make_user(roles=["director"], clearance=True, unit=dept_units["BGĐ"])
    for user in (OFFICE_VIEW, tracker, cleared):
        n, wb = _export(tmp_path, user=user)
        assert n == 60
        values = [c for row in wb.active.iter_rows(values_only=True) for c in row]
        assert "77/QĐ-UBND" not in values


def test_unit_officer_exports_only_his_units_tasks(imported, make_user, dept_units, tmp_path):
    officer = make_user(roles=["unit_officer"], unit=dept_units["CCKL"])
    n, _ = _export(tmp_path, user=officer)
    led_or_linked = queries.scope(officer).count()
    assert n == led_or_linked and 0 < n < 60


def test_filter_line_names_unit_issuer_type_and_dates(imported, dept_units, tmp_path):
    _, wb = _export(
        tmp_path, unit=dept_units["CCKL"].id, issuer="chu_tich", doc_type="cong_van", received_from=D(2026, 1, 1)
    )
    assert wb.active["A6"].value == (
        "(Lọc: đơn vị chủ trì Chi cục Kiểm lâm; cơ quan ban hành Chủ tịch UBND tỉnh; "
        "loại văn bản Công văn; nhận từ ngày 01/01/2026)"
    )
