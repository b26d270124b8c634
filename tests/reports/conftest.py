"""A fixed register, urgings and an inspection for the Department's reports (R-18, R-20.2, R-5.2).

The tasks are those of tests/monitoring/conftest.py (what each is on each date is written
there); here they get progress updates, urgings (one on the secret task T7) and one inspection
with its conclusion notice. The expected tables are written out in test_content.py.
"""

import datetime

import pytest

from inspection.cases import rules as case_rules
from inspection.cases.models import CaseUnit, InspectionCase
from inspection.documents.models import ISSUED, OutgoingDocument
from inspection.monitoring.models import Urging
from inspection.register.models import ProgressUpdate
from tests import factories
from tests.monitoring.conftest import fixed_register  # noqa: F401 - the fixture

D = datetime.date
MONTH_END = D(2026, 10, 31)  # the monthly report of October 2026
YEAR_END = D(2026, 11, 30)  # the yearly report of 2026 (1/1 - 30/11, due 10/12)
HALF_END = D(2027, 5, 31)  # the 6-month report of 2027 (1/1 - 31/5, due 10/6)


@pytest.fixture
def today(app):
    """Set the clock's today (TODAY config) for a test: today(D(2026, 12, 5))."""

    def set_today(day):
        app.config["TODAY"] = day.isoformat()

    set_today(D(2027, 6, 5))
    return set_today


@pytest.fixture
def world(app, fixed_register, today):  # noqa: F811 - the imported fixture
    t, kl, tl = fixed_register["tasks"], fixed_register["kl"], fixed_register["tl"]
    ProgressUpdate.create(task=t[6], unit=kl, on_date=D(2026, 10, 20), text="Chờ ý kiến Sở Tài chính")
    ProgressUpdate.create(task=t[6], unit=kl, on_date=D(2026, 11, 5), text="Ghi sau ngày chốt tháng 10")
    Urging.create(task=t[6], channel="phone", urged_on=D(2026, 10, 15), to_unit=kl)
    Urging.create(task=t[7], channel="phone", urged_on=D(2026, 10, 16), to_unit=kl)  # secret task T7
    Urging.create(task=t[5], channel="email", urged_on=D(2026, 11, 20), to_unit=tl)
    notice = OutgoingDocument.create(
        kind="conclusion_notice",
        state=ISSUED,
        year=2026,
        number=7,
        symbol="TB-SNN",
        context="{}",
        issued_on=D(2026, 10, 20),
    )
    case = InspectionCase.create(
        title="Kiểm tra việc thực hiện nhiệm vụ tại Chi cục Kiểm lâm",
        state=case_rules.NOTIFIED,
        start_on=D(2026, 10, 5),
        end_on=D(2026, 10, 9),
        ended_on=D(2026, 10, 9),
        notice_doc=notice,
        notified_on=D(2026, 10, 20),
        conclusion="Chi cục Kiểm lâm cơ bản hoàn thành nhiệm vụ.",
    )
    CaseUnit.create(case=case, unit=kl)
    chief = factories.user(roles=["chief_of_office"], username="chanhvp", clearance=True)
    return dict(fixed_register, chief=chief, case=case)
