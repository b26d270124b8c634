"""A fixed register to check the dashboards' figures against hand-computed ones (R-8).

Two "as of" dates: BEFORE (15/10/2026, before T2's extension was recorded on 20/10) and
AFTER (20/11/2026). Each task says what it is on each date; test_figures.py holds the sums.
"""

import datetime

import pytest

from inspection.register.models import DeadlineExtension, DirectiveDocument, Task
from inspection.workdays import WorkCalendar

D = datetime.date
BEFORE = D(2026, 10, 15)
AFTER = D(2026, 11, 20)
TODAY = D(2026, 11, 27)
CAL = WorkCalendar()
REGISTERED = D(2026, 9, 1)


@pytest.fixture
def app(app):
    app.config["TODAY"] = TODAY.isoformat()
    return app


def _doc(number, issuer_kind, secret_level=""):
    return DirectiveDocument.create(
        number_symbol=number,
        issuer_kind=issuer_kind,
        received_on=D(2026, 8, 31),
        secret_level=secret_level,
        abstract="Về việc thử số liệu",
    )


def _task(doc, unit, summary, registered_on=REGISTERED, **fields):
    fields.setdefault("original_deadline", fields.get("deadline"))
    return Task.create(
        document=doc,
        lead_unit=unit,
        summary=summary,
        registered_on=registered_on,
        registration_due_on=fields.pop("registration_due_on", registered_on),
        is_secret=doc.is_secret,
        **fields,
    )


def _extend(task, old, new, recorded):
    DeadlineExtension.create(
        task=task,
        old_deadline=old,
        new_deadline=new,
        granted_by="Chủ tịch UBND tỉnh",
        recorded_at=datetime.datetime.combine(recorded, datetime.time(9, 30)),
    )


@pytest.fixture
def fixed_register(make_unit):
    """Eight tasks; what each one is BEFORE / AFTER is written beside it."""
    kl = make_unit(name="Chi cục Kiểm lâm", abbreviation="CCKL")
    tl = make_unit(name="Chi cục Thủy lợi", abbreviation="CCTL")
    ubnd = _doc("101/UBND-NNTN", "ubnd_tinh")
    ct = _doc("202/UBND-KTN", "chu_tich")
    secret = _doc("5/UBND-MAT", "ubnd_tinh", secret_level="mat")
    t = {}
    # T1: done 05/10 within 10/10: done on time / done on time.
    t[1] = _task(
        ubnd,
        kl,
        "T1",
        deadline=D(2026, 10, 10),
        is_completed=True,
        completed_on=D(2026, 10, 5),
        started_on=D(2026, 9, 5),
        result_entered_on=D(2026, 10, 5),
    )
    # T2: deadline 10/10 extended to 30/11 on 20/10: overdue (and no result past the R-6.3b
    # limit 13/10) / in progress in time.
    t[2] = _task(ubnd, kl, "T2", deadline=D(2026, 11, 30), original_deadline=D(2026, 10, 10), started_on=D(2026, 9, 5))
    _extend(t[2], D(2026, 10, 10), D(2026, 11, 30), D(2026, 10, 20))
    # T3: deadline 10/11, done 12/11, result entered 16/11 (limit 12/11): in time / done late, entered late.
    t[3] = _task(
        ct,
        tl,
        "T3",
        registered_on=D(2026, 9, 10),
        deadline=D(2026, 11, 10),
        is_completed=True,
        completed_on=D(2026, 11, 12),
        started_on=D(2026, 9, 15),
        result_entered_on=D(2026, 11, 16),
    )
    # T4: registered 01/11 (limit 28/10, R-6.1b), no deadline: absent / in time, without deadline, late registration.
    t[4] = _task(ct, tl, "T4", registered_on=D(2026, 11, 1), registration_due_on=D(2026, 10, 28))
    # T5: deadline 24/11, not started: in time / in time and due soon.
    t[5] = _task(ubnd, tl, "T5", deadline=D(2026, 11, 24))
    # T6: deadline 01/10, returned 01/11: overdue, result late / absent.
    t[6] = _task(
        ubnd, kl, "T6", deadline=D(2026, 10, 1), returned_on=D(2026, 11, 1), return_reason="Không thuộc thẩm quyền"
    )
    # T7: secret, overdue on both dates: never in ordinary figures.
    t[7] = _task(secret, kl, "T7", deadline=D(2026, 10, 1))
    # T8: 12/10 extended to 31/10 on 05/10, then to 31/12 on 02/11; done 15/11: in time / done on time.
    t[8] = _task(
        ubnd,
        kl,
        "T8",
        deadline=D(2026, 12, 31),
        original_deadline=D(2026, 10, 12),
        is_completed=True,
        completed_on=D(2026, 11, 15),
        started_on=D(2026, 9, 5),
        result_entered_on=D(2026, 11, 15),
    )
    _extend(t[8], D(2026, 10, 12), D(2026, 10, 31), D(2026, 10, 5))
    _extend(t[8], D(2026, 10, 31), D(2026, 12, 31), D(2026, 11, 2))
    return {"kl": kl, "tl": tl, "tasks": t}
