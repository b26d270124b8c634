"""Pure rules of the calendar administration page (no Flask, no database)."""

from datetime import date
from types import SimpleNamespace

import pytest

from inspection.calendar import rules
from inspection.errors import ValidationFailed
from inspection.workdays import WorkCalendar

CAL = WorkCalendar()


@pytest.mark.parametrize(
    "day, kind, name, taken, field, words",
    [
        (None, "off", "Nghỉ", False, "day", "Chưa nhập ngày"),
        (date(1990, 3, 2), "off", "Nghỉ", False, "day", "2000–2100"),
        (date(2026, 3, 2), "holiday", "Nghỉ", False, "kind", "Loại điều chỉnh"),
        (date(2026, 3, 2), "off", "  ", False, "name", "Chưa nhập tên"),
        (date(2026, 3, 2), "off", "Nghỉ", True, "day", "đã có điều chỉnh"),
        (date(2026, 2, 17), "off", "Nghỉ", False, "day", "vốn đã là ngày nghỉ"),  # Tết
        (date(2026, 3, 1), "off", "Nghỉ", False, "day", "Chủ nhật 01/03/2026 vốn đã là ngày nghỉ"),
        (date(2026, 3, 2), "work", "Làm", False, "day", "Thứ Hai 02/03/2026 vốn đã là ngày làm việc"),
        (date(2026, 1, 10), "work", "Làm", False, "day", "vốn đã là ngày làm việc"),  # shipped
    ],
)
def test_override_that_is_wrong_or_changes_nothing_is_refused(day, kind, name, taken, field, words):
    with pytest.raises(ValidationFailed) as caught:
        rules.check_override(CAL, day, kind, name, taken=taken)
    assert caught.value.field == field
    assert words in caught.value.message


def test_sensible_overrides_pass():
    rules.check_override(CAL, date(2026, 3, 2), "off", "Nghỉ theo thông báo của tỉnh")
    rules.check_override(CAL, date(2026, 3, 7), "work", "Thứ Bảy làm bù")
    rules.check_override(CAL, date(2026, 4, 27), "work", "Cơ quan làm việc ngày 27/4")


def test_year_rows_name_the_source_of_each_day():
    admin = SimpleNamespace(document_ref="Thông báo số 12/TB-UBND")
    cal = WorkCalendar(overrides={date(2026, 3, 2): ("off", "Nghỉ theo thông báo của tỉnh")})
    rows = {r["day"]: r for r in rules.year_rows(cal, 2026, {date(2026, 3, 2): admin})}
    assert rows[date(2026, 2, 17)]["source"] == rules.SOURCE_PACKAGE
    assert rows[date(2026, 1, 2)]["source"] == rules.SOURCE_SHIPPED
    assert "12729/VPCP-KGVX" in rows[date(2026, 1, 2)]["document_ref"]
    assert rows[date(2026, 1, 10)]["kind"] == "work"
    assert rows[date(2026, 3, 2)]["source"] == rules.SOURCE_ADMIN
    assert rows[date(2026, 3, 2)]["override"] is admin
    assert rows[date(2026, 3, 2)]["weekday"] == "Thứ Hai"
    assert list(rows) == sorted(rows)


def test_unconfirmed_package_days_of_2026_are_marked_not_presented_as_fact():
    rows = {r["day"]: r for r in rules.year_rows(WorkCalendar(), 2026, {})}
    for day in (date(2026, 11, 24), date(2026, 8, 22)):
        assert rows[day]["source"] == rules.SOURCE_UNCONFIRMED and rows[day]["note"]
    assert rows[date(2026, 9, 1)]["source"] == rules.SOURCE_PACKAGE  # confirmed in `checked`


def test_checked_years_2025_and_2026_carry_no_notice():
    assert rules.year_notice(2025) is None and rules.year_notice(2026) is None


def test_year_2027_without_announcement_says_labour_code_only():
    assert rules.year_notice(2027) == "Năm 2027: lịch theo Bộ luật Lao động, chưa có thông báo hoán đổi của Chính phủ."
    # Once 2027 is checked (its announcement shipped), the note goes.
    assert rules.year_notice(2027, frozenset({2025, 2026, 2027})) is None
