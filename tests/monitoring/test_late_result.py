"""R-6.3b in the dashboards: the late result entry figure agrees with the register's rule, task by task.

register/rules.py `result_entry_late` is the one rule (issue 11): a progress update entered
between the deadline and its limit counts as the entry, every period of a recurring task is
judged, and only the Province's tasks are bound by the 2-working-day limit. The figure counted
in SQL (monitoring/sql.py, figures.py) must give the same tasks on the fixed register of
conftest.py plus the tasks below, at both "as of" dates.
"""

import datetime
from types import SimpleNamespace

import pytest

from inspection.monitoring import figures, rules, sql
from inspection.register import rules as register_rules
from inspection.register.facts import result_entry_facts
from inspection.register.models import ProgressUpdate, Task, TaskPeriod
from tests.monitoring.conftest import AFTER, BEFORE, CAL, _doc, _task

D = datetime.date


@pytest.fixture
def late_world(fixed_register):
    kl, tl = fixed_register["kl"], fixed_register["tl"]
    ubnd = fixed_register["tasks"][1].document
    director = _doc("15/SNN-VP", "giam_doc")
    # L1: deadline Mon 02/11 (limit Wed 04/11), no result, a progress update entered 03/11: in time.
    l1 = _task(ubnd, kl, "L1", deadline=D(2026, 11, 2))
    _update(l1, kl, datetime.datetime(2026, 11, 3, 15, 0))
    # L2: the same, but the update came on 10/11, after the limit: late.
    l2 = _task(ubnd, kl, "L2", deadline=D(2026, 11, 2))
    _update(l2, kl, datetime.datetime(2026, 11, 10, 8, 0))
    # L3: the Director's task, nothing entered: not bound by the 2-day limit, never late.
    _task(director, tl, "L3", deadline=D(2026, 11, 2))
    # L4: recurring; its current period ends 31/12, but the October period (limit 04/11) was
    # reported on 10/11: late, although the task's own deadline is ahead.
    l4 = _task(ubnd, tl, "L4", deadline=D(2026, 12, 31))
    TaskPeriod.create(task=l4, period_label="Tháng 9/2026", deadline=D(2026, 9, 30), completed_on=D(2026, 9, 30))
    TaskPeriod.create(task=l4, period_label="Tháng 10/2026", deadline=D(2026, 10, 30), completed_on=D(2026, 11, 10))
    TaskPeriod.create(task=l4, period_label="Tháng 12/2026", deadline=D(2026, 12, 31))
    # L5: deadline Fri 06/11, result entered Tue 10/11 = the limit (2 working days): in time.
    _task(
        ubnd,
        tl,
        "L5",
        deadline=D(2026, 11, 6),
        is_completed=True,
        completed_on=D(2026, 11, 6),
        result_entered_on=D(2026, 11, 10),
    )
    # L6: the same, entered Wed 11/11: late.
    _task(
        ubnd,
        tl,
        "L6",
        deadline=D(2026, 11, 6),
        is_completed=True,
        completed_on=D(2026, 11, 6),
        result_entered_on=D(2026, 11, 11),
    )
    return fixed_register


def _update(task, unit, entered):
    # The entry moment is what R-6.3b reads; record_progress would stamp the test's clock.
    ProgressUpdate.create(task=task, unit=unit, on_date=entered.date(), text="Đang thực hiện", created_at=entered)


def pure_late(as_of):
    """{task summary} late on `as_of` by the register's rule, each task as it stood that day."""
    tasks = [t for t in Task.select() if not t.is_secret]
    history = sql.extension_history([t.id for t in tasks])
    facts = result_entry_facts([t.id for t in tasks])
    late = set()
    for t in tasks:
        if (t.registered_on and t.registered_on > as_of) or (t.returned_on and t.returned_on <= as_of):
            continue  # not in the register that day
        then = SimpleNamespace(
            is_secret=False,
            returned_on=None,
            deadline=rules.deadline_then(as_of, history.get(t.id, []), t.deadline),
            result_entered_on=t.result_entered_on,
        )
        updated_on, periods = facts[t.id]
        if register_rules.result_entry_late(
            then, as_of, CAL, issuer_kind=t.document.issuer_kind, updated_on=updated_on, periods=periods
        ):
            late.add(t.summary)
    return late


def test_R_6_3b_figure_follows_the_register_rule_after_issue_11(late_world):
    # L1 saved by its update, L3 the Director's, L5 entered on its limit; T2's deadline moved to 30/11.
    assert pure_late(AFTER) == {"T3", "L2", "L4", "L6"}
    assert figures.compute(AFTER, CAL, 3).late_result == 4


@pytest.mark.parametrize("as_of", [BEFORE, D(2026, 11, 4), D(2026, 11, 5), AFTER])
def test_R_6_3b_sql_figure_agrees_with_the_rule_task_by_task(late_world, as_of):
    expected = pure_late(as_of)
    assert figures.compute(as_of, CAL, 3).late_result == len(expected)
    drilled = {t.summary for t in Task.select().where(figures.condition("late_result", as_of, CAL, 3))}
    assert drilled == expected
    per_unit = figures.by_lead_unit(as_of, CAL, 3)
    assert sum(f.late_result for f in per_unit.values()) == len(expected)
    units, issuers = figures.combine(figures.by_unit_issuer(None, as_of, CAL, 3))
    assert sum(f.late_result for f in issuers.values()) == len(expected)
    assert issuers.get("giam_doc", figures.Figures()).late_result == 0
