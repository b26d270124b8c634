"""R-5.1e: the SQL status expression agrees with rules.status() on every case."""

import datetime

import pytest

from inspection.register import queries, rules
from inspection.register.models import DirectiveDocument, Task
from inspection.register.rules import Status
from tests.register.test_rules import CAL, REGISTRATION_CASES, STATUS_CASES, TODAY


def _insert_cases(unit):
    # Rows written directly: every field combination of STATUS_CASES, including ones that only
    # an imported sheet brings; no sequence of operations makes them all.
    doc = DirectiveDocument.create(
        number_symbol="1/QĐ-UBND", issuer_kind="ubnd_tinh", received_on=datetime.date(2026, 1, 5)
    )
    rows = []
    for fields, expected in STATUS_CASES:
        t = Task.create(document=doc, summary="x", lead_unit=unit, **dict(fields.items()))
        rows.append((t.id, fields, expected))
    return rows


def test_R_5_1e_sql_status_agrees_with_pure_function(app, make_unit):
    rows = _insert_cases(make_unit())
    got = dict(Task.select(Task.id, queries.status_case(TODAY).alias("s")).tuples())
    for task_id, fields, expected in rows:
        task = Task.get_by_id(task_id)
        assert rules.status(task, TODAY, CAL) is expected
        assert got[task_id] == expected.value, fields


@pytest.mark.parametrize("day", [TODAY, datetime.date(2026, 10, 31), datetime.date(2027, 1, 1)])
def test_R_5_1e_sql_and_python_agree_on_other_reference_dates(app, make_unit, day):
    _insert_cases(make_unit())
    for task_id, code in Task.select(Task.id, queries.status_case(day).alias("s")).tuples():
        assert rules.status(Task.get_by_id(task_id), day, CAL).value == code


def test_due_soon_and_overdue_sql_conditions_agree_with_rules(app, make_unit):
    rows = _insert_cases(make_unit())
    extra_doc = DirectiveDocument.get()
    unit = make_unit()
    for d in (1, 2, 3, 4, 5, 6):
        Task.create(document=extra_doc, summary="y", lead_unit=unit, deadline=TODAY + datetime.timedelta(days=d))
    assert rows
    soon = {t.id for t in Task.select().where(queries.due_soon_condition(TODAY, CAL, 3))}
    overdue = {t.id for t in Task.select().where(queries.overdue_condition(TODAY))}
    for t in Task.select():
        assert (t.id in soon) == rules.due_soon(t, TODAY, CAL, 3)
        assert (t.id in overdue) == rules.status(t, TODAY, CAL).is_overdue


def test_R_6_2_status_counts_leave_returned_tasks_out_of_the_four_figures(app, make_unit):
    _insert_cases(make_unit())
    from types import SimpleNamespace

    office = SimpleNamespace(is_office=True, unit_id=None)
    counts = queries.status_counts(office, TODAY)
    assert counts[Status.DA_TRA_LAI] == 2
    figures = rules.four_figures(counts)
    assert sum(figures.values()) == sum(counts.values()) - 2


@pytest.mark.parametrize("day", [TODAY, datetime.date(2026, 11, 1), datetime.date(2027, 6, 1)])
def test_R_5_1e_status_counts_agree_with_the_pure_function(app, make_unit, day):
    from collections import Counter
    from types import SimpleNamespace

    unit = make_unit()
    _insert_cases(unit)
    doc = DirectiveDocument.get()
    # rows a sheet may bring: a completion date without the completed flag, no deadline but started
    Task.create(
        document=doc,
        summary="z",
        lead_unit=unit,
        completed_on=datetime.date(2026, 11, 2),
        deadline=datetime.date(2026, 11, 20),
    )
    Task.create(document=doc, summary="z", lead_unit=unit, started_on=datetime.date(2026, 1, 2))
    Task.create(document=doc, summary="secret", lead_unit=unit, is_secret=True, deadline=TODAY)
    office = SimpleNamespace(is_office=True, unit_id=None)
    expected = Counter(rules.status(t, day, CAL) for t in Task.select().where(Task.is_secret == False))  # noqa: E712
    assert queries.status_counts(office, day) == dict(expected)
    assert queries.status_counts(office, day, secret=True) == {
        rules.status(Task.get(Task.summary == "secret"), day, CAL): 1
    }


def test_R_6_1b_sql_late_registration_agrees_with_the_pure_rule(app, make_unit):
    """The list filter (queries) and the task page / findings (rules) judge alike."""
    unit = make_unit()
    doc = DirectiveDocument.create(number_symbol="2/QĐ-UBND", issuer_kind="ubnd_tinh", received_on=TODAY)
    expected = {}
    for (registered_on, due), late in REGISTRATION_CASES:
        t = Task.create(document=doc, summary="x", lead_unit=unit, registered_on=registered_on, registration_due_on=due)
        expected[t.id] = late
    flagged = {t.id for t in Task.select(Task.id).where(queries.late_registration_condition())}
    for task in Task.select():
        assert rules.registration_late(task) is expected[task.id] is (task.id in flagged)
