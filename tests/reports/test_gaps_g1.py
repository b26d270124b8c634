"""Issue 13 gaps in the Department's reports (R-20.2, R-18/19, R-19.2): the 6-month and yearly
reports are on the Province's tasks only; the overdue list carries the unit's reason from its
monthly report and the proposal of the task's difficulty, in Word, PDF and Excel alike."""

import datetime

import pytest

from inspection.reports import content, document, rules
from inspection.workdays import WorkCalendar
from tests.monitoring.conftest import _doc, _task
from tests.reports.conftest import HALF_END, MONTH_END, YEAR_END

D = datetime.date
CAL = WorkCalendar()
KL = "Chi cục Kiểm lâm"


def _spec(kind, start, end, secret=False, scope=rules.ALL, scope_ref=""):
    return dict(kind=kind, start=start, end=end, secret=secret, scope=scope, scope_ref=scope_ref)


@pytest.fixture
def director_task(world):
    """T9: the Director's own task (not from the Province), open past its deadline 05/10/2026."""
    doc = _doc("15/SNNMT-VP", "giam_doc")
    return _task(doc, world["kl"], "T9 do Giám đốc Sở giao", deadline=D(2026, 10, 5))


def _kl_total(data):
    return next(r["total"] for r in data["stats"] if r["unit"] == KL)


def test_R_20_2_yearly_and_six_month_reports_count_only_the_provinces_tasks(world, director_task, today):
    today(D(2026, 12, 5))
    yearly = content.gather(_spec(rules.YEARLY, D(2026, 1, 1), YEAR_END), CAL, 3)
    assert _kl_total(yearly) == 3 and yearly["totals"]["total"] == 6  # as without T9 (test_content.py)
    assert "T9 do Giám đốc Sở giao" not in [r["task"] for r in yearly["overdue"]]
    today(D(2027, 6, 5))
    half = content.gather(_spec(rules.HALF_YEAR, D(2027, 1, 1), HALF_END), CAL, 3)
    assert half["totals"]["total"] == 6 and half["totals"]["pending_overdue"] == 2
    assert [r["task"] for r in half["overdue"]] == ["T5", "T2"]
    unit = content.gather(
        _spec(rules.YEARLY, D(2026, 1, 1), YEAR_END, scope=rules.UNIT, scope_ref=str(world["kl"].id)), CAL, 3
    )
    assert unit["totals"]["total"] == 3
    director = content.gather(
        _spec(rules.YEARLY, D(2026, 1, 1), YEAR_END, scope=rules.ISSUER, scope_ref="giam_doc"), CAL, 3
    )
    assert director["totals"]["total"] == 0 and director["overdue"] == []
    # the monthly and on-request reports keep every issuer: T9 is counted and listed there
    monthly = content.gather(_spec(rules.MONTHLY, D(2026, 10, 1), MONTH_END), CAL, 3)
    assert _kl_total(monthly) == 5 and monthly["totals"]["pending_overdue"] == 2
    assert [r["task"] for r in monthly["overdue"]] == ["T6", "T9 do Giám đốc Sở giao"]
    asked = content.gather(_spec(rules.REQUEST, D(2026, 1, 1), YEAR_END), CAL, 3)
    assert "T9 do Giám đốc Sở giao" in [r["task"] for r in asked["overdue"]]


def test_R_20_2_the_report_says_it_is_on_the_provinces_tasks(world, director_task, today):
    today(D(2026, 12, 5))
    yearly = content.gather(_spec(rules.YEARLY, D(2026, 1, 1), YEAR_END), CAL, 3)
    assert document.title(yearly, "") == ("Tình hình thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao năm 2026")
    ctx = document.context(yearly, {}, "")
    assert "tổng số nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao đang theo dõi: 06 nhiệm vụ" in ctx["summary"][0]
    secret = dict(yearly, secret=True)
    assert document.title(secret, "").startswith("Tình hình thực hiện nhiệm vụ mật do UBND tỉnh")
    monthly = content.gather(_spec(rules.MONTHLY, D(2026, 10, 1), MONTH_END), CAL, 3)
    assert document.title(monthly, "") == "Tình hình thực hiện nhiệm vụ được giao tháng 10 năm 2026"
