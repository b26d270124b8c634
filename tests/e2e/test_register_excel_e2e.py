"""A tracking officer imports the Office's sheet in the browser, then exports the filtered register."""

import openpyxl
import pytest

pytestmark = pytest.mark.e2e


def _sheet(path):
    """Two tasks in the Office's layout (title, two-level header, section), unique numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for line in (
        ["UBND TỈNH QUẢNG NGÃI"],
        ["SỞ NÔNG NGHIỆP VÀ PTNT"],
        [],
        ["BẢNG THEO DÕI NHIỆM VỤ"],
        ["(Cập nhật đến ngày 19/11/2026)"],
        [],
    ):
        ws.append(line)
    ws.append(
        [
            "STT",
            "Văn bản giao nhiệm vụ",
            None,
            None,
            None,
            "Ngày nhận",
            "Nội dung nhiệm vụ",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Thời hạn",
            "Tình hình thực hiện",
        ]
    )
    ws.append([None, "Số, ký hiệu", "Ngày ban hành", "Cơ quan ban hành", "Trích yếu"])
    ws.merge_cells("B7:E7")
    ws.append(["I. NHIỆM VỤ CÓ THỜI HẠN"])
    ws.append(
        [
            1,
            "8801/UBND-KTTH",
            "10/11/2026",
            "UBND tỉnh",
            "V/v kiểm kê rừng đặc dụng",
            "11/11/26",
            "Kiểm kê diện tích rừng đặc dụng năm 2026",
            "  CCKL ",
            "TTKN; Thanh tra Sở",
            "Trước ngày 30/12/2026",
            "Đang thực hiện",
        ]
    )
    ws.append(
        [
            2,
            "8802/VP-NNTN",
            "12/11/2026",
            "Văn phòng UBND tỉnh",
            "V/v giống cây trồng",
            "13/11/2026",
            "Báo cáo nhu cầu giống cây trồng vụ Đông Xuân",
            "CCTT&BVTV",
            None,
            "Không thời hạn",
            None,
        ]
    )
    ws.append(["Tổng cộng", None, None, None, None, None, "2 nhiệm vụ"])
    wb.save(path)
    return path


def test_import_sheet_then_export_filtered_list(page, live_server, login_as, tmp_path):
    login_as(page, "theodoi")
    page.goto("/register/tasks")
    with page.expect_navigation():
        page.click("#import-excel")
    page.set_input_files("input[name=file]", str(_sheet(tmp_path / "so-theo-doi.xlsx")))
    with page.expect_navigation():
        page.click("#upload-submit")
    assert "Văn bản giao nhiệm vụ / Số, ký hiệu" in page.inner_text("table")
    with page.expect_navigation():
        page.click("#to-preview")
    assert "2 nhiệm vụ mới, 0 đã có trong sổ" in page.inner_text("#plan")
    with page.expect_navigation():
        page.click("#commit-import")
    assert "Đã nhập 2 nhiệm vụ" in page.inner_text(".alert")

    page.fill("input[name=q]", "kiem ke rung dac dung")
    with page.expect_navigation():
        page.click("#filter-submit")
    assert "Kiểm kê diện tích rừng đặc dụng năm 2026" in page.inner_text("#task-table")
    with page.expect_download() as download:
        page.click("#export-excel")
    path = tmp_path / "xuat.xlsx"
    download.value.save_as(path)
    ws = openpyxl.load_workbook(path).active
    rows = [r for r in ws.iter_rows(min_row=10, values_only=True) if isinstance(r[0], int)]
    assert [(r[1], r[7], r[8]) for r in rows] == [
        ("8801/UBND-KTTH", "Chi cục Kiểm lâm", "Trung tâm Khuyến nông; Thanh tra Sở")
    ]  # sheet order
