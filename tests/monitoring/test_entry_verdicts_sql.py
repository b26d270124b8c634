"""R-6.3b's verdicts counted in SQL (monitoring/entry_verdicts.py) equal the rule judged in Python.

The twin of register/rules.py status() and its SQL (tests/register/test_status_sql.py): a seeded
random register around Tết 2026 (deadlines, results, updates at any time of the day, recurring
tasks' periods, secret, returned and the Director's tasks) is judged deadline by deadline with
the pure rule (review_rules.entry_verdict on register.rules.result_entry_late) and counted per
lead unit; the SQL must give the same counts for every period and "today" tried. Rows are
written directly: thousands of update times and period results no operation makes in one go.
"""

import datetime
import random
from types import SimpleNamespace

import pytest

from inspection.monitoring import entry_verdicts, review_queries
from inspection.monitoring import review_rules as rr
from inspection.register import rules as register_rules
from inspection.register.models import DirectiveDocument, ProgressUpdate, Task, TaskPeriod
from inspection.workdays import WorkCalendar

pytestmark = pytest.mark.db

D = datetime.date
CAL = WorkCalendar()
FIRST = D(2026, 1, 20)  # deadlines spread over 90 days: Tết 2026 (14-22/02) in the middle
ISSUERS = ("ubnd_tinh", "chu_tich", "pho_chu_tich", "vp_ubnd_tinh", "giam_doc", "bo_nganh")
PERIODS = [
    (D(2026, 1, 1), D(2026, 3, 31), D(2026, 4, 15)),
    (D(2026, 2, 1), D(2026, 2, 28), D(2026, 3, 2)),
    (D(2026, 2, 10), D(2026, 2, 25), D(2026, 2, 24)),  # today before the period ends
    (D(2026, 2, 24), D(2026, 2, 24), D(2026, 2, 25)),
    (D(2025, 12, 1), D(2026, 1, 31), D(2027, 1, 1)),
]


def _day(rnd, around, spread):
    return around + datetime.timedelta(days=rnd.randint(-spread, spread))


def _entry_time(rnd, deadline):
    """An update's entry time: often on the edges (the deadline, the limit, the day after), at
    midnight or just before it."""
    due = register_rules.result_entry_due(deadline, CAL)
    edges = [deadline - datetime.timedelta(days=1), deadline, due, due + datetime.timedelta(days=1)]
    day = rnd.choice(edges) if rnd.random() < 0.6 else _day(rnd, deadline, 8)
    clock = rnd.choice([datetime.time(0, 0), datetime.time(23, 59, 59), datetime.time(9, 30, 15, 250)])
    return datetime.datetime.combine(day, clock)


def _build(rnd, units):
    docs = {
        k: DirectiveDocument.create(
            number_symbol=f"{i}/TEST", issuer_kind=k, received_on=D(2025, 12, 1), abstract="Về việc thử"
        )
        for i, k in enumerate(ISSUERS)
    }
    world = []
    for n in range(160):
        deadline = None if n % 23 == 0 else _day(rnd, FIRST + datetime.timedelta(days=45), 45)
        recurring = n % 9 == 0
        task = Task.create(
            document=docs[rnd.choice(ISSUERS)],
            lead_unit=rnd.choice(units),
            summary=f"Nhiệm vụ {n}",
            registered_on=D(2025, 12, 1),
            registration_due_on=D(2025, 12, 1),
            is_secret=n % 17 == 0,  # never counted
            returned_on=D(2026, 2, 1) if n % 19 == 0 else None,
            deadline=deadline,
            recurrence="monthly" if recurring else "",
            result_entered_on=_day(rnd, deadline, 6) if deadline and rnd.random() < 0.6 else None,
        )
        periods = []
        if recurring:
            for k in range(rnd.randint(1, 4)):
                dl = FIRST + datetime.timedelta(days=20 * k + rnd.randint(0, 5))
                done = _day(rnd, dl, 5) if rnd.random() < 0.6 else None
                periods.append(TaskPeriod.create(task=task, period_label=f"Kỳ {k + 1}", deadline=dl, completed_on=done))
        for _ in range(rnd.choice([0, 0, 1, 2, 3])):
            ProgressUpdate.create(
                task=task, on_date=D(2026, 1, 1), text="Tiến độ", created_at=_entry_time(rnd, deadline or FIRST)
            )
        world.append(task)
    return world


def _by_the_rule(start, end, today):
    """{lead unit id: (on time, late)} judged one deadline at a time by the pure rule."""
    out = {}
    for task in Task.select().join(DirectiveDocument):
        updated_on = [u.created_at.date() for u in task.updates]
        periods = list(task.periods.order_by(TaskPeriod.deadline))
        plain = SimpleNamespace(
            is_secret=task.is_secret,
            returned_on=task.returned_on,
            deadline=task.deadline,
            result_entered_on=task.result_entered_on,
        )
        for deadline, result_on in register_rules._entry_deadlines(plain, periods):
            verdict = rr.entry_verdict(
                plain,
                deadline,
                result_on,
                CAL,
                issuer_kind=task.document.issuer_kind,
                updated_on=updated_on,
                start=start,
                end=end,
                today=today,
            )
            if verdict:
                on_time, late = out.get(task.lead_unit_id, (0, 0))
                out[task.lead_unit_id] = (on_time + (verdict == "on_time"), late + (verdict == "late"))
    return out


@pytest.mark.parametrize("seed", [2026, 7])
def test_R_6_3b_verdicts_in_sql_equal_the_rule(app, make_unit, seed):
    units = [make_unit() for _ in range(3)]
    _build(random.Random(seed), units)
    for start, end, today in PERIODS:
        expected = _by_the_rule(start, end, today)
        assert entry_verdicts.counts(start, end, today, CAL) == expected, (start, end, today)
        assert sum(n + late for n, late in expected.values()) > 0 or today <= start


def test_R_7_2c_unit_update_stats_reads_the_sql_counts(app, make_unit):
    """R-25's scorecard and R-7.2c's figures: on time / late come from the SQL twin."""
    units = [make_unit() for _ in range(2)]
    _build(random.Random(11), units)
    start, end, today = PERIODS[0]
    stats = review_queries.unit_update_stats(start, end, calendar=CAL, today=today)
    assert {u: (s.on_time, s.late) for u, s in stats.items() if s.on_time + s.late} == _by_the_rule(start, end, today)


def test_R_6_3b_no_deadline_in_the_period_counts_nothing(app):
    assert entry_verdicts.counts(D(2030, 1, 1), D(2030, 12, 31), D(2031, 1, 1), CAL) == {}
