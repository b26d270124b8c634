"""The reminder schedule's pure rules: working days across Tết and a swapped Saturday, texts, R-5.2."""

from datetime import date

import pytest

from inspection.notifications import rules
from inspection.workdays import WorkCalendar

CAL = WorkCalendar()  # 2026: Tết off Mon 16 – Fri 20 Feb; Fri 2 Jan off, Sat 10 Jan worked in exchange


@pytest.mark.parametrize(
    "due,offset,expected",
    [
        # an ordinary week: 3 working days before Thursday 12 Nov is Monday 9 Nov
        (date(2026, 11, 12), -3, date(2026, 11, 9)),
        (date(2026, 11, 12), 0, date(2026, 11, 12)),
        (date(2026, 11, 12), 1, date(2026, 11, 13)),
        # a deadline inside Tết: "on the day" is the last working day before it, "after" the first after it
        (date(2026, 2, 18), -3, date(2026, 2, 11)),
        (date(2026, 2, 18), 0, date(2026, 2, 13)),
        (date(2026, 2, 18), 1, date(2026, 2, 23)),
        # just after Tết: the nine days off are not counted
        (date(2026, 2, 24), -3, date(2026, 2, 12)),
        # the swapped Saturday 10 Jan 2026 counts; Friday 2 Jan does not
        (date(2026, 1, 13), -3, date(2026, 1, 9)),
        (date(2026, 1, 9), 1, date(2026, 1, 10)),
        (date(2026, 1, 5), -1, date(2025, 12, 31)),
        # a deadline on a Sunday: "on the day" is the Friday before, "after" the Monday
        (date(2026, 11, 15), 0, date(2026, 11, 13)),
        (date(2026, 11, 15), 1, date(2026, 11, 16)),
    ],
)
def test_reminder_day_counts_working_days_R_20_1(due, offset, expected):
    assert rules.reminder_day(due, offset, CAL) == expected


def test_first_working_day_after_tet_reminds_every_deadline_of_the_holiday():
    """Monday 23 Feb 2026 sends the "after" reminder of deadlines Fri 13 … Sun 22 Feb."""
    today = date(2026, 2, 23)
    start = rules.window_start(today, CAL, lookback=0)
    dues = rules.dues_in_window(start, today, 1, CAL)
    assert dues == [date(2026, 2, d) for d in range(13, 23)]


def test_the_window_catches_up_a_missed_day_but_not_an_expired_reminder():
    # Run on Wednesday 11 Nov 2026 after Tuesday's run was missed: Tuesday's "3 before" (deadline Fri 13)
    # still goes, as does Wednesday's own (deadline Mon 16); a "before" reminder for a deadline already
    # reached does not.
    today = date(2026, 11, 11)
    start = rules.window_start(today, CAL)
    assert start == date(2026, 11, 10)
    assert rules.dues_in_window(start, today, -3, CAL) == [
        date(2026, 11, 13),
        date(2026, 11, 14),
        date(2026, 11, 15),
        date(2026, 11, 16),
    ]
    assert rules.dues_in_window(start, date(2026, 11, 13), -3, CAL) != []
    assert all(d > today for d in rules.dues_in_window(start, today, -1, CAL))


def test_a_weekend_run_sends_nothing_new():
    saturday = date(2026, 11, 14)
    start = rules.window_start(saturday, CAL, lookback=0)
    assert all(rules.dues_in_window(start, saturday, o, CAL) == [] for o in (-3, 0, 1))


def test_monthly_reminder_before_the_19th_R_20_1():
    # 19 Feb 2026 is in Tết: 3 working days before it is Wednesday 11 Feb
    today = date(2026, 2, 11)
    assert rules.monthly_dues_in_window(today, today, -3, CAL) == [date(2026, 2, 19)]
    # 19 Jan 2026 is a Monday: Wednesday 14 Jan; on the 19th itself with offset 0
    assert rules.monthly_dues_in_window(date(2026, 1, 14), date(2026, 1, 14), -3, CAL) == [date(2026, 1, 19)]
    assert rules.monthly_dues_in_window(date(2026, 1, 19), date(2026, 1, 19), 0, CAL) == [date(2026, 1, 19)]
    assert rules.monthly_dues_in_window(date(2026, 1, 15), date(2026, 1, 15), -3, CAL) == []


def test_secret_text_and_mail_carry_nothing_of_the_task_R_5_2():
    text = rules.task_text(-3, date(2026, 3, 2), "Nội dung mật", "12/UBND-M", secret=True)
    assert text == rules.SECRET_TEXT
    assert rules.mail_body(text, "https://x/register/secret", secret=True) == rules.SECRET_TEXT + "\n"
    assert "Nhắc việc" not in rules.mail_subject("deadline_before", secret=True)


def test_ordinary_text_names_the_task_its_deadline_and_the_link():
    text = rules.task_text(1, date(2026, 3, 2), "Báo cáo tình hình", "12/UBND-KTTH", secret=False)
    assert "quá hạn ngày 02/03/2026" in text and "12/UBND-KTTH" in text and "Điều 6" in text
    body = rules.mail_body(text, "https://theodoi/register/tasks/7", secret=False)
    assert "Xem chi tiết: https://theodoi/register/tasks/7" in body


@pytest.mark.parametrize("raw,expected", [("", []), ("3", [3]), ("5, 3; 3", [3, 5]), (" 10 ", [10])])
def test_parse_days(raw, expected):
    assert rules.parse_days(raw) == expected


@pytest.mark.parametrize("raw", ["0", "11", "-1", "ba", "3.5", "²"])
def test_parse_days_refuses_with_a_vietnamese_message(raw):
    with pytest.raises(ValueError, match="ngày làm việc"):
        rules.parse_days(raw)


def test_recipients_of_a_secret_task_need_clearance_R_5_2():
    from types import SimpleNamespace as P

    head, officer = P(id=1, clearance=False), P(id=2, clearance=True)
    monitor, trackers = P(id=3, clearance=False), [P(id=4, clearance=True)]
    assert [p.id for p in rules.task_recipients([head, officer], monitor, trackers, secret=False)] == [1, 2, 3]
    assert [p.id for p in rules.task_recipients([head, officer], None, trackers, secret=False)] == [1, 2, 4]
    assert [p.id for p in rules.task_recipients([head, officer], None, trackers, secret=True)] == [2, 4]
