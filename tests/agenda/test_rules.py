"""The statutory dates (R-20.1, R-20.2) and the feed token's stored form, without Flask."""

from datetime import date

from inspection.agenda import rules
from inspection.notifications.rules import reminder_day


def test_r20_1_the_19th_on_a_saturday_falls_back_to_friday(cal):
    (entry,) = rules.monthly_entries(date(2026, 12, 1), date(2026, 12, 31), cal)
    assert date(2026, 12, 19).weekday() == 5
    assert entry.day == date(2026, 12, 18)
    assert "19/12/2026" in entry.detail  # the page says why the date moved


def test_r20_1_the_same_day_the_monthly_reminder_uses(cal):
    for due in rules.monthly_dues(date(2026, 1, 1), date(2027, 12, 31)):
        (entry,) = rules.monthly_entries(due.replace(day=1), due.replace(day=28), cal)
        assert entry.day == reminder_day(due, 0, cal)


def test_r20_1_every_month_once(cal):
    found = rules.monthly_entries(date(2026, 1, 1), date(2026, 12, 31), cal)
    assert [e.day.month for e in found] == list(range(1, 13))
    assert len({e.uid for e in found}) == 12


def test_r20_2_ten_june_and_ten_december(cal):
    found = rules.half_year_entries(date(2026, 1, 1), date(2026, 12, 31), cal)
    assert [e.day for e in found] == [date(2026, 6, 10), date(2026, 12, 10)]
    assert "6 tháng" in found[0].title and "năm" in found[1].title


def test_r20_2_shifted_when_a_day_off(cal):
    # 10/06/2029 is a Sunday: the report is due on Friday 08/06/2029.
    (entry,) = rules.half_year_entries(date(2029, 6, 1), date(2029, 6, 30), cal)
    assert entry.day == date(2029, 6, 8)


def test_the_page_offers_only_its_spans():
    today = date(2026, 11, 29)
    assert rules.window(today, 90) == (today, date(2027, 2, 27))
    assert rules.window(today, 100000) == rules.window(today, 30)


def test_the_token_is_stored_as_its_hash():
    stored = rules.token_hash("abc")
    assert stored != "abc" and len(stored) == 64
    assert stored == rules.token_hash("abc") != rules.token_hash("abd")
