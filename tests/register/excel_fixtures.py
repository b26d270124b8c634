"""Fixtures of the Excel tests: the Department's real units, a tracker, sheets built from the fixture."""

import datetime
from pathlib import Path

import openpyxl
import pytest

from inspection.demo import UNITS as DEMO_UNITS

# The Office's own register sheet, kept in the repository (tests/fixtures/).
FIXTURE = str(Path(__file__).resolve().parents[1] / "fixtures" / "so-theo-doi-nhiem-vu-2026.xlsx")
BAD_ROW = 74  # STT 61: 31/02/2026 and the unknown unit "Phòng Không Tồn Tại"
TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def dept_units(make_unit):
    """The units of the demo seed (names, abbreviations, aliases used by the fixture), by abbreviation."""
    return {
        abbr: make_unit(name=name, abbreviation=abbr, aliases=aliases, kind=kind)
        for name, abbr, aliases, kind in DEMO_UNITS
    }


@pytest.fixture
def tracker(make_user, dept_units):
    return make_user(
        roles=["tracking_officer"], username="theodoi_xl", full_name="Trần Văn Bình", unit=dept_units["VP"]
    )


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
