"""`flask tasks import FILE.xlsx [--dry-run]` and `flask tasks export FILE.xlsx`: output and exit codes."""

import pytest

from inspection.register.models import Task
from tests.register.excel_fixtures import FIXTURE, sheet, without_bad_row

pytestmark = pytest.mark.db


def run(app, *args):
    return app.test_cli_runner().invoke(args=["tasks", *map(str, args)])  # click 8.2+: stdout, stderr apart


def test_import_with_bad_rows_exits_1_with_error_list(app, dept_units):
    result = run(app, "import", FIXTURE)
    assert result.exit_code == 1
    assert "Dòng 74, cột C – Ngày ban hành: Ngày không tồn tại «31/02/2026»" in result.stderr
    assert "Dòng 74, cột H – Đơn vị chủ trì: Không tìm thấy đơn vị «Phòng Không Tồn Tại»" in result.stderr
    assert "Không nhập dòng nào: 2 lỗi" in result.stderr
    assert Task.select().count() == 0


def test_dry_run_writes_nothing(app, dept_units, tmp_path):
    result = run(app, "import", sheet(tmp_path, without_bad_row), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Đọc được 60 nhiệm vụ: 60 nhiệm vụ mới, 0 đã có trong sổ, 60 văn bản mới." in result.stdout
    assert "Chạy thử: chưa ghi gì vào sổ." in result.stdout
    assert Task.select().count() == 0


def test_import_then_again_exit_0_no_duplicates(app, tracker, tmp_path):
    path = sheet(tmp_path, without_bad_row)
    first = run(app, "import", path, "--user", "theodoi_xl")
    assert first.exit_code == 0, first.output
    assert "Đã nhập 60 nhiệm vụ, 60 văn bản mới (0 nhiệm vụ đã có, không nhập lại)." in first.stdout
    assert "Lưu ý: Dòng 74: Bỏ qua: dòng không có nội dung nhiệm vụ." in first.stdout  # the note-only row
    second = run(app, "import", path)
    assert second.exit_code == 0
    assert "Đã nhập 0 nhiệm vụ, 0 văn bản mới (60 nhiệm vụ đã có, không nhập lại)." in second.stdout
    assert Task.select().count() == 60


def test_refused_file_exits_2(app, dept_units, tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("không phải bảng tính")
    result = run(app, "import", fake)
    assert result.exit_code == 2
    assert "Tệp không phải bảng tính Excel (.xlsx)" in result.stderr


def test_unknown_user_is_a_usage_error(app, dept_units, tmp_path):
    result = run(app, "import", sheet(tmp_path, without_bad_row), "--user", "khongco")
    assert result.exit_code == 2 and "Không có người dùng «khongco»" in result.stderr


def test_export_command(app, tracker, tmp_path):
    run(app, "import", sheet(tmp_path, without_bad_row))
    out = tmp_path / "xuat.xlsx"
    result = run(app, "export", out)
    assert result.exit_code == 0 and f"Đã xuất 60 nhiệm vụ ra {out}." in result.stdout
    assert out.stat().st_size > 0
