"""R-20.1: the unit monthly report's due date, period and timeliness (pure rules, no Flask)."""

import datetime

import pytest

from inspection.unit_reports import rules
from inspection.workdays import WorkCalendar

D = datetime.date
CAL = WorkCalendar()
P = rules.Period


@pytest.mark.parametrize(
    "period,due",
    [
        (P(2026, 11), D(2026, 11, 19)),  # a Thursday: the 19th itself
        (P(2026, 4), D(2026, 4, 17)),  # Sunday 19/04: the Friday before
        (P(2026, 9), D(2026, 9, 18)),  # Saturday 19/09: the Friday before
        (P(2026, 2), D(2026, 2, 13)),  # 19/02 falls in Tết: the last working day before the break
    ],
)
def test_R_20_1_due_on_the_19th_or_the_working_day_before(period, due):
    assert rules.due_date(period, CAL) == due
    assert CAL.is_working_day(due)


def test_R_20_1_a_period_runs_from_the_day_after_the_previous_due_date():
    assert rules.period_start(P(2026, 11), CAL) == D(2026, 10, 20)
    assert rules.period_start(P(2026, 5), CAL) == D(2026, 4, 18)  # April's report was due Friday 17/04
    assert rules.period_start(P(2026, 1), CAL) == D(2025, 12, 20)


def test_R_20_1_current_period_moves_on_the_day_after_the_due_date():
    assert rules.current_period(D(2026, 11, 19), CAL) == P(2026, 11)
    assert rules.current_period(D(2026, 11, 20), CAL) == P(2026, 12)
    assert rules.current_period(D(2026, 12, 25), CAL) == P(2027, 1)


def test_R_20_1_figures_are_counted_at_the_due_date_or_today_before_it():
    assert rules.figures_as_of(P(2026, 11), D(2026, 11, 10), CAL) == D(2026, 11, 10)
    assert rules.figures_as_of(P(2026, 11), D(2026, 11, 25), CAL) == D(2026, 11, 19)


def test_R_20_1_a_period_not_started_yet_is_refused():
    today = D(2026, 11, 25)
    assert rules.future_error(P(2026, 12), today, CAL) is None  # started 20/11
    message = rules.future_error(P(2027, 1), today, CAL)
    assert "chưa bắt đầu" in message and "01/2027" in message


@pytest.mark.parametrize(
    "first,today,kind",
    [
        (D(2026, 11, 19), D(2026, 11, 25), rules.ON_TIME),
        (D(2026, 11, 20), D(2026, 11, 25), rules.LATE),
        (None, D(2026, 11, 20), rules.MISSING),
        (None, D(2026, 11, 19), rules.PENDING),
    ],
)
def test_R_20_1_timeliness(first, today, kind):
    assert rules.timeliness(D(2026, 11, 19), first, today) == kind


def test_R_25_late_and_missing_count_against_the_unit():
    counts = rules.tally([rules.ON_TIME, rules.LATE, rules.MISSING, rules.MISSING])
    assert counts == {rules.ON_TIME: 1, rules.LATE: 1, rules.MISSING: 2, rules.PENDING: 0}
    assert set(rules.COUNTED_AGAINST) == {rules.LATE, rules.MISSING}


@pytest.mark.parametrize("raw", ["13/2026", "0/2026", "11/1999", "ab/2026", "²/2026", "", "2026"])
def test_bad_periods_are_refused(raw):
    with pytest.raises(ValueError):
        rules.parse_period(raw)


def test_periods_parse_both_ways():
    assert rules.parse_period("11/2026") == rules.parse_period("2026-11") == P(2026, 11)
    assert str(P(2026, 1)) == "01/2026" and P(2026, 1).previous() == P(2025, 12) and P(2025, 12).next() == P(2026, 1)


def test_R_19_2_sending_needs_a_reason_per_overdue_task_and_happens_once():
    period = P(2026, 11)
    assert rules.submit_refusal(rules.DRAFT, period, None, [5], {"5": "  "}) == rules.MSG_REASON_MISSING
    assert rules.submit_refusal(rules.DRAFT, period, None, [5], {"5": "Thiếu kinh phí"}) is None
    twice = rules.submit_refusal(rules.SUBMITTED, period, D(2026, 11, 18), [], {})
    assert "đã được gửi ngày 18/11/2026" in twice
