"""Working-day calendar rules (docs/rules.md "Working days"; R-6.1b, R-6.3b, R-16.2). Pure: no Flask."""

import json
from datetime import date, timedelta

import pytest

from inspection import workdays
from inspection.workdays import WorkCalendar

D = date


@pytest.fixture(scope="module")
def cal():
    return WorkCalendar()


def test_R_6_1b_document_received_friday_before_tet_2026_is_registered_monday_23_02(cal):
    # Received Fri 13/02/2026; Tết Bính Ngọ off 14/02-22/02/2026: 1 working day -> Mon 23/02.
    assert cal.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)


def test_R_6_1b_complex_document_received_13_02_2026_gets_two_working_days(cal):
    assert cal.add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)
    assert cal.count_working_days(D(2026, 2, 13), D(2026, 2, 24)) == 2


def test_R_16_2_report_five_working_days_after_inspection_ending_28_04_2026(cal):
    # 29/4 works; 30/4 and 1/5 are holidays; then 4, 5, 6, 7/5.
    assert cal.add_working_days(D(2026, 4, 28), 5) == D(2026, 5, 7)
    assert cal.count_working_days(D(2026, 4, 28), D(2026, 5, 7)) == 5


def test_tet_2026_weekdays_are_off_and_the_week_after_works(cal):
    for d in (D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20)):
        assert not cal.is_working_day(d), d
    assert cal.is_working_day(D(2026, 2, 13))
    assert cal.is_working_day(D(2026, 2, 23))
    assert cal.count_working_days(D(2026, 2, 13), D(2026, 2, 22)) == 0


def test_substituted_day_2025_friday_02_05_off_and_saturday_26_04_works(cal):
    assert not cal.is_working_day(D(2025, 5, 2))
    assert cal.is_working_day(D(2025, 4, 26))
    assert "thay cho ngày 26/04/2025" in cal.reason(D(2025, 5, 2))
    assert cal.reason(D(2025, 4, 26)) == "Làm việc bù cho ngày 02/05/2025"
    # Fri 25/4 + 1 -> the working Saturday 26/4; + 2 -> Mon 28/4 (not Sun 27/4).
    assert cal.add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
    assert cal.add_working_days(D(2025, 4, 25), 2) == D(2025, 4, 28)
    # Tue 29/4 + 1 -> Mon 5/5: 30/4, 1/5, 2/5 (swapped) and the weekend are off.
    assert cal.add_working_days(D(2025, 4, 29), 1) == D(2025, 5, 5)
    assert cal.count_working_days(D(2025, 4, 24), D(2025, 5, 5)) == 5  # 25, 26, 28, 29/4, 5/5


def test_shipped_correction_new_year_2026_swap_from_12729_VPCP_KGVX(cal):
    # The package (0.109) misses it: Fri 02/01/2026 off, Sat 10/01/2026 worked.
    assert not cal.is_working_day(D(2026, 1, 2))
    assert cal.is_working_day(D(2026, 1, 10))
    assert cal.add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)
    assert cal.add_working_days(D(2026, 1, 9), 1) == D(2026, 1, 10)
    bare = WorkCalendar(shipped=False)
    assert bare.is_working_day(D(2026, 1, 2)) and not bare.is_working_day(D(2026, 1, 10))


def test_hung_kings_2026_on_sunday_gives_monday_27_04_off(cal):
    assert not cal.is_working_day(D(2026, 4, 27))
    assert cal.add_working_days(D(2026, 4, 24), 1) == D(2026, 4, 28)


def test_national_day_2026_five_days_29_08_to_02_09(cal):
    for d in (D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2)):
        assert not cal.is_working_day(d)
    assert cal.add_working_days(D(2026, 8, 28), 1) == D(2026, 9, 3)


def test_every_checked_official_schedule_of_2025_and_2026_holds(cal):
    """The `checked` list of the corrections file pins the announced schedules."""
    data = json.loads(workdays.CORRECTIONS_FILE.read_text(encoding="utf-8"))
    assert set(data["years_checked"]) == {2025, 2026}
    for entry in data["checked"]:
        d, end = D.fromisoformat(entry["from"]), D.fromisoformat(entry["to"])
        while d <= end:
            assert cal.is_working_day(d) is entry["working"], (d, entry["what"])
            d += timedelta(days=1)


def test_shipped_corrections_name_their_announcing_document():
    corrections = workdays.load_corrections()
    assert corrections, "the file ships at least the 2026 New Year swap"
    for _day, (kind, name, document) in corrections.items():
        assert kind in workdays.KINDS and name
        assert "/VPCP-" in document or "/BNV" in document or "/TB-" in document, document


def test_corrections_file_rejects_entries_without_document(tmp_path):
    bad = tmp_path / "c.json"
    bad.write_text(
        json.dumps({"corrections": [{"date": "2027-01-04", "kind": "off", "name": "Nghỉ", "document_ref": ""}]}),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="document"):
        workdays.load_corrections(bad)
    bad.write_text(
        json.dumps({"corrections": [{"date": "2027-01-04", "kind": "holiday", "name": "Nghỉ", "document_ref": "x"}]}),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="kind"):
        workdays.load_corrections(bad)


def test_administrator_overrides_win_over_package_and_shipped_data():
    cal = WorkCalendar(
        overrides={
            D(2026, 3, 2): ("off", "Nghỉ theo thông báo của tỉnh"),  # ordinary Monday
            D(2026, 1, 2): ("work", "Làm việc theo thông báo riêng"),  # shipped day off
            D(2026, 8, 22): ("off", "Không làm bù"),  # package working Saturday
            "2026-03-07": ("work", "Thứ Bảy làm việc"),
        }
    )
    assert not cal.is_working_day(D(2026, 3, 2))
    assert cal.reason(D(2026, 3, 2)) == "Nghỉ theo thông báo của tỉnh"
    assert cal.is_working_day(D(2026, 1, 2))
    assert not cal.is_working_day(D(2026, 8, 22))
    assert cal.is_working_day(D(2026, 3, 7))
    assert (D(2026, 3, 2), "Nghỉ theo thông báo của tỉnh") in cal.days_off(2026)
    assert (D(2026, 3, 7), "Thứ Bảy làm việc") in cal.working_weekends(2026)
    assert D(2026, 8, 22) not in dict(cal.working_weekends(2026))


@pytest.mark.parametrize(
    "value, message",
    [
        (("holiday", "x"), "kind"),
        (("off", "  "), "name"),
    ],
)
def test_bad_override_is_refused(value, message):
    with pytest.raises(ValueError, match=message):
        WorkCalendar(overrides={D(2026, 3, 2): value})


def test_count_is_inverse_of_add_over_two_years(cal):
    start = D(2025, 1, 1)
    for offset in range(0, 700, 3):
        a = start + timedelta(days=offset)
        for n in (1, 2, 5, 10, 30):
            b = cal.add_working_days(a, n)
            assert cal.is_working_day(b)
            assert cal.count_working_days(a, b) == n, (a, n, b)
            assert cal.count_working_days(b, a) == -n


def test_count_matches_day_by_day_walk_across_years(cal):
    a, b = D(2024, 12, 20), D(2027, 1, 10)
    walked = sum(cal.is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))
    assert cal.count_working_days(a, b) == walked
    assert cal.count_working_days(a, a) == 0


def test_add_zero_and_negative(cal):
    assert cal.add_working_days(D(2026, 2, 14), 0) == D(2026, 2, 14)
    assert cal.add_working_days(D(2026, 2, 23), -1) == D(2026, 2, 13)
    assert cal.add_working_days("2026-02-23", -2) == D(2026, 2, 12)


def test_days_off_lists_weekdays_only_with_vietnamese_names(cal):
    off = cal.days_off(2026)
    assert all(d.weekday() < 5 and d.year == 2026 for d, _ in off)
    names = dict(off)
    assert names[D(2026, 2, 17)] == "Tết Nguyên Đán"
    assert names[D(2026, 4, 27)] == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert [d for d, _ in off] == sorted(d for d, _ in off)
    assert D(2026, 1, 10) in dict(cal.working_weekends(2026))  # 12729/VPCP-KGVX; 22/08 unconfirmed


def test_days_off_between_spans_years(cal):
    got = cal.days_off_between(D(2025, 12, 30), D(2026, 1, 5))
    assert [d for d, _ in got] == [D(2026, 1, 1), D(2026, 1, 2)]


def test_parse_day_accepts_iso_text_and_datetimes():
    from datetime import datetime

    assert workdays.parse_day(" 2026-02-13 ") == D(2026, 2, 13)
    assert workdays.parse_day(datetime(2026, 2, 13, 9, 30)) == D(2026, 2, 13)
    with pytest.raises(TypeError):
        workdays.parse_day(20260213)


def test_R_6_1b_document_received_before_tet_2025_is_registered_03_02_2025(cal):
    # Tết Ất Tỵ 2025 off 25/01-02/02/2025 (Công văn 8726/VPCP-KGVX).
    assert cal.add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 3)
    assert cal.add_working_days(D(2025, 1, 24), 2) == D(2025, 2, 4)


def test_R_6_3b_results_two_working_days_after_deadline_on_national_day_eve_2025(cal):
    # Deadline Fri 29/08/2025; 01-02/09/2025 are off: due Thu 04/09/2025.
    assert cal.add_working_days(D(2025, 8, 29), 2) == D(2025, 9, 4)
