"""The reporting regime's pure rules (R-20.1, R-20.2, R-5.2): periods, due dates, labels, checks."""

import datetime

import pytest

from inspection.reports import rules

D = datetime.date


@pytest.mark.parametrize(
    "kind,today,period",
    [
        (rules.MONTHLY, D(2026, 11, 19), (D(2026, 10, 1), D(2026, 10, 31))),
        (rules.MONTHLY, D(2026, 1, 5), (D(2025, 12, 1), D(2025, 12, 31))),
        (rules.HALF_YEAR, D(2026, 6, 3), (D(2026, 1, 1), D(2026, 5, 31))),  # sent by 10 June
        (rules.HALF_YEAR, D(2026, 3, 1), (D(2025, 1, 1), D(2025, 5, 31))),  # this year's not over yet
        (rules.YEARLY, D(2026, 12, 2), (D(2026, 1, 1), D(2026, 11, 30))),  # sent by 10 December
        (rules.YEARLY, D(2026, 11, 29), (D(2025, 1, 1), D(2025, 11, 30))),
        (rules.REQUEST, D(2026, 11, 19), (D(2026, 11, 1), D(2026, 11, 19))),
    ],
)
def test_R_20_default_periods(kind, today, period):
    assert rules.default_period(kind, today) == period


def test_R_20_2_due_dates_and_labels():
    assert rules.due_date(rules.HALF_YEAR, D(2026, 5, 31)) == D(2026, 6, 10)
    assert rules.due_date(rules.YEARLY, D(2026, 11, 30)) == D(2026, 12, 10)
    assert rules.due_date(rules.MONTHLY, D(2026, 10, 31)) is None
    assert rules.period_label(rules.MONTHLY, D(2026, 10, 1), D(2026, 10, 31)) == "THÁNG 10 NĂM 2026"
    assert rules.period_label(rules.HALF_YEAR, D(2026, 1, 1), D(2026, 5, 31)) == "6 THÁNG ĐẦU NĂM 2026"
    assert rules.period_label(rules.YEARLY, D(2026, 1, 1), D(2026, 11, 30)) == "NĂM 2026"
    assert rules.period_label(rules.REQUEST, D(2026, 10, 5), D(2026, 11, 2)) == "TỪ NGÀY 05/10/2026 ĐẾN NGÀY 02/11/2026"
    assert rules.pct_text(16.7) == "16,7" and rules.pct_text(None) == "-" and rules.count_text(5) == "05"


def test_R_20_period_refusals():
    today, first = D(2026, 11, 20), D(2026, 9, 1)
    assert rules.period_refusal(D(2026, 10, 1), D(2026, 10, 31), today, first) is None
    assert rules.period_refusal(D(2026, 10, 31), D(2026, 10, 1), today, first)[0].startswith("Ngày kết thúc")
    assert "chưa đến" in rules.period_refusal(D(2026, 11, 1), D(2026, 11, 30), today, first)[0]
    assert "nhiệm vụ đầu tiên (01/09/2026)" in rules.period_refusal(D(2026, 8, 1), D(2026, 8, 31), today, first)[0]
    assert "chưa có nhiệm vụ" in rules.period_refusal(D(2026, 10, 1), D(2026, 10, 31), today, None)[0]
