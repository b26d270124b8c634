"""A small world for unit monthly reports (R-19.1, R-20.1): two units, their people, the Office.

Chi cục Kiểm lâm (kl) leads three ordinary tasks and one secret task, registered 01/10/2026:
- T1 deadline 31/10/2026, open: overdue on 19/11/2026;
- T2 deadline 31/12/2026, open: in progress in time;
- T3 deadline 15/10/2026, completed 10/10/2026: completed on time;
- S1 (secret, "mật") deadline 31/10/2026, open: overdue but never in a unit report (R-5.2).
The reference date is 25/11/2026 unless a test moves it (config TODAY).
"""

import datetime

import pytest

from inspection.register import operations as reg
from tests import factories

D = datetime.date
TODAY = "2026-11-25"


def _doc(n, **over):
    doc = dict(issued_on=D(2026, 9, 25), received_on=D(2026, 9, 30), number_symbol=f"{500 + n}/UBND-KT")
    doc.update(over)
    return doc


@pytest.fixture
def world(app, cal):
    app.config["TODAY"] = TODAY
    units = factories.register_units()
    people = factories.register_users(units)
    people["kl_head"] = factories.user(roles=["unit_head"], username="truongkl", unit=units["kl"])
    people["tl_head"] = factories.user(roles=["unit_head"], username="truongtl", unit=units["tl"])
    by, on = people["tracker"], D(2026, 10, 1)
    tasks = [
        dict(summary="Rà soát diện tích rừng bị lấn chiếm", lead_unit=units["kl"], deadline=D(2026, 10, 31)),
        dict(summary="Xây dựng phương án phòng cháy rừng mùa khô", lead_unit=units["kl"], deadline=D(2026, 12, 31)),
        dict(summary="Báo cáo kết quả trồng rừng quý III", lead_unit=units["kl"], deadline=D(2026, 10, 15)),
    ]
    _, (t1, t2, t3) = factories.register_document(by, units["kl"], tasks, n=1, on=on, **_doc(1))
    reg.complete_task(by, t3, D(2026, 10, 10), "Đã báo cáo", "", None, t3.version, on=D(2026, 10, 12))
    # an installation on the network keeps only the reference data of a secret entry
    secret = [dict(summary="", lead_unit=units["kl"], deadline=D(2026, 10, 31))]
    _, (s1,) = factories.register_document(
        people["secret_tracker"], units["kl"], secret, n=2, on=on, **_doc(2, secret_level="mat", abstract="")
    )
    return {"units": units, "people": people, "tasks": {"t1": t1, "t2": t2, "t3": t3, "s1": s1}}
