"""A fixed year 2026 for the scorecards (R-25) and the report on the regulation (R-23).

Built on tests/monitoring/test_review_stats.py's `december` (today 15/01/2027), whose update
figures are hand-computed there for December: Thủy lợi 2 on time, 2 late, 3 flagged (4 in the
year: its progress of 30/11 too), 1 corrected; Kiểm lâm
1 late. Added here: Kiểm lâm's task H (deadline 20/12, result entered 18/12: on time), two
monthly reports of Thủy lợi, urgings, inspections and recommendations, each with a secret twin
or an out-of-year twin that must not be counted.

Tasks as of 31/12/2026 (the cut-off): Thủy lợi A (4/12, done 7/12) and B (10/12, done 16/12)
done late; C, D (15/12), E (30/12), F (10/12, the Director's) open past their deadline; S is
secret (R-5.2). Kiểm lâm G (27/11, done 3/12) done late, H done on time.
"""

import datetime

import pytest

from inspection.cases import rules as case_rules
from inspection.cases.models import InspectionCase, Recommendation
from inspection.monitoring.models import Urging
from inspection.unit_reports import rules as unit_rules
from inspection.unit_reports.models import UnitReport
from tests.factories import on
from tests.monitoring.test_review_stats import _result, _task, december  # noqa: F401 - the fixture

D = datetime.date
TODAY = D(2027, 1, 15)


def _case(title, ended_on, due, reported_on=None, notified_on=None, state=case_rules.NOTIFIED):
    return InspectionCase.create(
        title=title,
        state=state,
        start_on=ended_on - datetime.timedelta(days=5) if ended_on else None,
        ended_on=ended_on,
        report_due_on=due,
        reported_on=reported_on,
        notified_on=notified_on,
    )


def _recommend(case, unit, task):
    return Recommendation.create(case=case, content="Kiến nghị", unit=unit, deadline=D(2027, 3, 31), task=task)


@pytest.fixture
def year_2026(december, register_doc, users, units):  # noqa: F811 - the imported fixture
    t, tl, kl = december, units["tl"], units["kl"]
    t["H"] = _task(register_doc, users, kl, D(2026, 12, 20))
    _result(users, t["H"], D(2026, 12, 18), who="kl_officer")  # by the limit 22/12: on time
    on(TODAY)
    # Thủy lợi's January report sent 15/01/2026 (due 19/01): on time; February's 25/02 (due 19/02): late.
    UnitReport.create(unit=tl, year=2026, month=1, state=unit_rules.SUBMITTED, first_submitted_on=D(2026, 1, 15))
    UnitReport.create(unit=tl, year=2026, month=2, state=unit_rules.SUBMITTED, first_submitted_on=D(2026, 2, 25))
    UnitReport.create(unit=tl, year=2025, month=12, state=unit_rules.SUBMITTED, first_submitted_on=D(2025, 12, 1))
    Urging.create(task=t["C"], channel="phone", urged_on=D(2026, 12, 17), to_unit=tl)
    Urging.create(
        task=t["D"],
        channel="email",
        urged_on=D(2026, 12, 17),
        to_unit=tl,
        answered_on=D(2026, 12, 20),
        answer="Đang làm",
    )
    Urging.create(task=t["S"], channel="phone", urged_on=D(2026, 12, 17), to_unit=tl)  # secret: never counted
    Urging.create(task=t["A"], channel="phone", urged_on=D(2025, 12, 30), to_unit=tl)  # 2025
    on_time = _case("Kiểm tra 1", D(2026, 12, 1), D(2026, 12, 8), D(2026, 12, 7), D(2026, 12, 15))
    late = _case("Kiểm tra 2", D(2026, 12, 10), D(2026, 12, 17), D(2026, 12, 21), D(2027, 1, 5))
    _case("Kiểm tra 3", D(2026, 12, 20), D(2026, 12, 28), state=case_rules.ENDED)  # not reported
    _case("Kiểm tra 2025", D(2025, 12, 1), D(2025, 12, 8), D(2025, 12, 5))
    _case("Dự thảo", None, None, state=case_rules.DRAFT)
    _recommend(on_time, tl, t["A"])  # its task done 07/12: done
    _recommend(on_time, tl, t["C"])  # open
    _recommend(on_time, tl, t["S"])  # secret: never counted
    _recommend(late, tl, t["B"])  # notified in 2027: not this year's
    return dict(t, tl=tl, kl=kl, vp=units["vp"])
