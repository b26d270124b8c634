"""R-7.2c: each unit's updates on time, late, flagged and corrected, against hand-computed numbers.

The period is December 2026; today is 15/01/2027. On time / late follow the register's R-6.3b rule
(2 working days after each deadline, tasks from the Province only); a deadline counts in the
period its limit falls in. Limits: 27/11 → 01/12, 04/12 → 08/12, 10/12 → 14/12, 15/12 → 17/12,
30/12 → 04/01/2027 (01/01 is a holiday, then a weekend): outside the period.
"""

import datetime

import pytest

from inspection.monitoring import review_ops, review_queries
from inspection.monitoring import review_rules as rr
from inspection.monitoring.models import ReviewItem
from inspection.register import operations as reg
from inspection.register.models import Task
from inspection.workdays import WorkCalendar
from tests.factories import on

D = datetime.date
CAL = WorkCalendar()
START, END, TODAY = D(2026, 12, 1), D(2026, 12, 31), D(2027, 1, 15)


def _task(register_doc, users, unit, deadline, **doc):
    on(D(2026, 11, 27))
    by = users["secret_tracker"] if doc.get("secret_level") else users["tracker"]
    summary = "" if doc.get("secret_level") else f"Nhiệm vụ hạn {deadline:%d/%m}"
    if doc.get("secret_level"):
        doc["abstract"] = ""
    return register_doc(tasks=[dict(summary=summary, lead_unit=unit, deadline=deadline)], user=by, **doc)[1][0]


def _result(users, task, day, who="tl_officer"):
    on(day)
    task = Task.get_by_id(task.id)
    return reg.complete_task(users[who], task, day, "Đã hoàn thành", "1/BC", day, task.version, on=day)


def _progress(users, task, unit, day, who="tl_officer"):
    on(day)
    return reg.record_progress(users[who], task, unit, day, f"Tiến độ ngày {day:%d/%m}")


def _flag_item(users, **where):
    review_ops.collect(TODAY)
    cond = [getattr(ReviewItem, k) == v for k, v in where.items()]
    item = ReviewItem.get(*cond)
    review_ops.flag(users["tracker"], item, "Chưa chính xác")


@pytest.fixture
def december(app, register_doc, users, units):
    tl, kl = units["tl"], units["kl"]
    t = {k: _task(register_doc, users, tl, d) for k, d in [("A", D(2026, 12, 4)), ("B", D(2026, 12, 10))]}
    t.update(C=_task(register_doc, users, tl, D(2026, 12, 15)), D=_task(register_doc, users, tl, D(2026, 12, 15)))
    t["E"] = _task(register_doc, users, tl, D(2026, 12, 30))
    t["F"] = _task(register_doc, users, tl, D(2026, 12, 10), issuer_kind="giam_doc")  # not judged by R-6.3b
    t["G"] = _task(register_doc, users, kl, D(2026, 11, 27))
    t["S"] = _task(register_doc, users, tl, D(2026, 12, 4), secret_level="mat")  # never counted
    _result(users, t["A"], D(2026, 12, 7))  # by the limit 08/12: on time
    _result(users, t["B"], D(2026, 12, 16))  # after the limit 14/12: late
    early = _progress(users, t["B"], tl, D(2026, 11, 30))  # flagged, but entered before the period
    c_update = _progress(users, t["C"], tl, D(2026, 12, 16))  # between deadline and limit: on time
    # D: nothing entered by 17/12: late. E: limit in January. F: the Director's task.
    _result(users, t["G"], D(2026, 12, 3), who="kl_officer")  # after the limit 01/12: late (Kiểm lâm)
    e_update = _progress(users, t["E"], tl, D(2026, 12, 20))
    on(TODAY)
    _flag_item(users, progress=early.id)
    _flag_item(users, progress=c_update.id)
    _flag_item(users, progress=e_update.id)
    _flag_item(users, task=t["A"].id, kind=rr.RESULT)
    on(D(2026, 12, 18))
    reg.correct_update(users["tl_officer"], c_update, "Tiến độ đã sửa", on_date=D(2026, 12, 18))
    on(TODAY)
    return t


def test_R_7_2c_unit_update_stats_match_the_hand_computed_figures(december, units):
    stats = review_queries.unit_update_stats(START, END, calendar=CAL, today=TODAY)
    assert stats == {
        units["tl"].id: rr.UpdateStats(on_time=2, late=2, flagged=3, corrected=1),
        units["kl"].id: rr.UpdateStats(on_time=0, late=1, flagged=0, corrected=0),
    }


def test_R_7_2c_a_limit_not_yet_passed_is_not_judged(december, units):
    """On 16/12 the limit of the 15/12 deadlines (17/12) has not passed: C and D are not counted yet."""
    stats = review_queries.unit_update_stats(START, END, calendar=CAL, today=D(2026, 12, 16))
    assert (stats[units["tl"].id].on_time, stats[units["tl"].id].late) == (1, 1)


def test_R_7_2c_review_page_shows_the_units_figures(december, client, login, units):
    login(client, "chanhvp")
    body = client.get("/monitoring/review?from=01/12/2026&to=31/12/2026").get_data(as_text=True)
    row = body.split(f'id="stats-{units["tl"].id}"', 1)[1].split("</tr>", 1)[0]
    assert [c.split(">")[-1] for c in row.split("</td>")[1:5]] == ["2", "2", "3", "1"]
