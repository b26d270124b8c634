"""R-18, R-20.2: every table of the monthly, 6-month and yearly reports against hand-computed figures.

The fixed register is tests/monitoring/conftest.py's (what each task is on each date is written
beside it); tests/reports/conftest.py adds the progress updates, urgings and the inspection.
"""

import datetime

from inspection.reports import content, rules
from inspection.workdays import WorkCalendar
from tests.reports.conftest import HALF_END, MONTH_END, YEAR_END

D = datetime.date
CAL = WorkCalendar()
KL, TL = "Chi cục Kiểm lâm", "Chi cục Thủy lợi"


def _spec(kind, start, end, secret=False, scope=rules.ALL, scope_ref=""):
    return dict(kind=kind, start=start, end=end, secret=secret, scope=scope, scope_ref=scope_ref)


def _row(unit, total, on_time, late, in_time, overdue, completion, overdue_pct):
    return dict(
        unit=unit,
        total=total,
        done_on_time=on_time,
        done_late=late,
        pending_in_time=in_time,
        pending_overdue=overdue,
        completion_pct=completion,
        overdue_pct=overdue_pct,
    )


def test_R_20_1_monthly_report_tables_as_of_31_october(world):
    data = content.gather(_spec(rules.MONTHLY, D(2026, 10, 1), MONTH_END), CAL, 3)
    # KL: T1 done on time, T2 in time (30/11 in force), T6 overdue (returned only 1/11), T8 in time (31/10).
    # TL: T3 (done only 12/11), T5 in time; T4 registered 1/11 is not counted; T7 is secret.
    assert data["stats"] == [_row(KL, 4, 1, 0, 2, 1, 25.0, 25.0), _row(TL, 2, 0, 0, 2, 0, 0.0, 0.0)]
    assert data["totals"] == _row("Tổng cộng", 6, 1, 0, 4, 1, 16.7, 16.7)
    assert data["overdue"] == [
        {
            "document": "101/UBND-NNTN",
            "task": "T6",
            "unit": KL,
            "deadline": "01/10/2026",
            "reason": "Chờ ý kiến Sở Tài chính",  # the update of 5/11 came after the cut-off
            "proposal": "",  # no difficulty raised on T6
        }
    ]
    assert data["urgings"] == [
        {"date": "15/10/2026", "channel": "Điện thoại, fax", "unit": KL, "tasks": 1, "letter": ""}
    ]
    assert data["inspections"] == [
        {
            "title": "Kiểm tra việc thực hiện nhiệm vụ tại Chi cục Kiểm lâm",
            "units": KL,
            "dates": "05/10/2026 - 09/10/2026",
            "conclusion": "Thông báo kết luận số 07/TB-SNN: Chi cục Kiểm lâm cơ bản hoàn thành nhiệm vụ.",
        }
    ]


def test_R_20_2_yearly_report_tables_as_of_30_november(world, today):
    today(D(2026, 12, 5))
    data = content.gather(_spec(rules.YEARLY, D(2026, 1, 1), YEAR_END), CAL, 3)
    # KL: T1, T8 done on time, T2 in time (deadline 30/11 not passed); T6 returned 1/11.
    # TL: T3 done late (12/11 after 10/11), T4 in time (no deadline), T5 overdue (24/11).
    assert data["stats"] == [_row(KL, 3, 2, 0, 1, 0, 66.7, 0.0), _row(TL, 3, 0, 1, 1, 1, 33.3, 66.7)]
    assert data["totals"] == _row("Tổng cộng", 6, 2, 1, 2, 1, 50.0, 33.3)
    assert [(r["task"], r["deadline"], r["reason"]) for r in data["overdue"]] == [
        ("T5", "24/11/2026", "Đơn vị chưa báo cáo")
    ]
    assert [(r["date"], r["unit"]) for r in data["urgings"]] == [("15/10/2026", KL), ("20/11/2026", TL)]
    assert len(data["inspections"]) == 1


def test_R_20_2_six_month_report_tables_as_of_31_may(world):
    data = content.gather(_spec(rules.HALF_YEAR, D(2027, 1, 1), HALF_END), CAL, 3)
    # KL: T1, T8 done on time, T2 overdue since 30/11/2026. TL: T3 done late, T4 in time, T5 overdue.
    assert data["stats"] == [_row(KL, 3, 2, 0, 0, 1, 66.7, 33.3), _row(TL, 3, 0, 1, 1, 1, 33.3, 66.7)]
    assert data["totals"] == _row("Tổng cộng", 6, 2, 1, 1, 2, 50.0, 50.0)
    assert [(r["task"], r["deadline"]) for r in data["overdue"]] == [("T5", "24/11/2026"), ("T2", "30/11/2026")]
    assert data["urgings"] == [] and data["inspections"] == []  # none in the first half of 2027


def test_R_5_2_secret_report_holds_only_the_secret_register(world):
    data = content.gather(_spec(rules.HALF_YEAR, D(2026, 1, 1), YEAR_END, secret=True), CAL, 3)
    assert data["stats"] == [_row(KL, 1, 0, 0, 0, 1, 0.0, 100.0)]  # T7 only
    assert [r["task"] for r in data["overdue"]] == ["T7"]
    assert [r["date"] for r in data["urgings"]] == ["16/10/2026"]
    assert data["inspections"] == []


def test_R_5_1g_report_on_one_unit_one_issuer_one_task(world):
    kl, t = world["kl"], world["tasks"]
    unit = content.gather(
        _spec(rules.REQUEST, D(2026, 10, 1), MONTH_END, scope=rules.UNIT, scope_ref=str(kl.id)), CAL, 3
    )
    assert unit["stats"] == [_row(KL, 4, 1, 0, 2, 1, 25.0, 25.0)]
    issuer = content.gather(
        _spec(rules.REQUEST, D(2026, 10, 1), MONTH_END, scope=rules.ISSUER, scope_ref="chu_tich"), CAL, 3
    )
    assert issuer["totals"]["total"] == 1  # T3 (T4 not registered yet)
    one = content.gather(
        _spec(rules.REQUEST, D(2026, 10, 1), MONTH_END, scope=rules.TASK, scope_ref=str(t[6].id)), CAL, 3
    )
    assert one["totals"] == _row("Tổng cộng", 1, 0, 0, 0, 1, 0.0, 100.0)
    assert [r["task"] for r in one["overdue"]] == ["T6"] and len(one["urgings"]) == 1
