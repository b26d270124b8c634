"""The Excel tests' fixture sheet and sheets built from it (units and tracker: tests/conftest.py)."""

import datetime
from pathlib import Path

import openpyxl

# The Office's own register sheet, kept in the repository (tests/fixtures/).
FIXTURE = str(Path(__file__).resolve().parents[1] / "fixtures" / "so-theo-doi-nhiem-vu-2026.xlsx")
BAD_ROW = 74  # STT 61: 31/02/2026 and the unknown unit "Phòng Không Tồn Tại"
TODAY = datetime.date(2026, 11, 27)


def sheet(tmp_path, edit=None, name="so-theo-doi.xlsx"):
    """A copy of the fixture, edited by `edit(worksheet)`; returns its path."""
    wb = openpyxl.load_workbook(FIXTURE)
    if edit:
        edit(wb.active)
    path = tmp_path / name
    wb.save(path)
    return path


def without_bad_row(ws):
    ws.delete_rows(BAD_ROW)
