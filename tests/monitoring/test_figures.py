"""R-8: the dashboards' figures against hand-computed ones (tests/monitoring/conftest.py)."""

import datetime

import pytest

from inspection.monitoring import figures, rules
from inspection.register.models import Task
from tests.monitoring.conftest import AFTER, BEFORE, CAL

D = datetime.date

# (BEFORE, AFTER): written out from the comments of each task in conftest.py.
EXPECTED = {
    BEFORE: dict(
        hoan_thanh_dung_han=1,  # T1
        hoan_thanh_qua_han=0,
        dang_thuc_hien_trong_han=3,  # T3, T5, T8 (31/10 in force)
        dang_thuc_hien_qua_han=2,  # T2 (10/10 in force), T6
        due_soon=0,
        no_deadline=0,
        late_registration=0,  # T4 not registered yet
        late_result=2,  # T2, T6: no result after the R-6.3b limit
    ),
    AFTER: dict(
        hoan_thanh_dung_han=2,  # T1, T8 (31/12 in force)
        hoan_thanh_qua_han=1,  # T3
        dang_thuc_hien_trong_han=3,  # T2 (30/11), T4, T5
        dang_thuc_hien_qua_han=0,  # T6 returned
        due_soon=1,  # T5
        no_deadline=1,  # T4
        late_registration=1,  # T4
        late_result=1,  # T3 entered 16/11, limit 12/11
    ),
}


@pytest.mark.parametrize("as_of", [BEFORE, AFTER])
def test_R_8_figures_as_of_match_hand_computed(fixed_register, as_of):
    got = figures.compute(as_of, CAL, 3)
    assert got == figures.Figures(**EXPECTED[as_of])
    assert got.total == 6


def test_R_8_percentages_after_the_extension(fixed_register):
    got = figures.compute(AFTER, CAL, 3)
    assert got.completion_pct == 50.0  # 3 of 6
    assert got.overdue_pct == 16.7  # T3 done late: 1 of 6


def test_R_8_per_lead_unit_and_per_issuer(fixed_register):
    kl, tl = fixed_register["kl"].id, fixed_register["tl"].id
    before = figures.by_lead_unit(BEFORE, CAL, 3)
    assert [before[kl].hoan_thanh_dung_han, before[kl].dang_thuc_hien_trong_han, before[kl].dang_thuc_hien_qua_han] == [
        1,
        1,
        2,
    ]
    assert before[tl].dang_thuc_hien_trong_han == 2 and before[tl].total == 2
    after = figures.by_lead_unit(AFTER, CAL, 3)
    assert (after[kl].hoan_thanh_dung_han, after[kl].dang_thuc_hien_trong_han, after[kl].total) == (2, 1, 3)
    assert (after[tl].hoan_thanh_qua_han, after[tl].dang_thuc_hien_trong_han, after[tl].late_result) == (1, 2, 1)
    issuers = figures.by_issuer(BEFORE, CAL, 3)
    assert set(issuers) == {"ubnd_tinh", "chu_tich"}
    assert (issuers["ubnd_tinh"].total, issuers["ubnd_tinh"].dang_thuc_hien_qua_han) == (5, 2)
    assert issuers["chu_tich"].dang_thuc_hien_trong_han == 1
    assert figures.compute(AFTER, CAL, 3, issuer="chu_tich") == issuers_after_chu_tich()
    assert figures.compute(AFTER, CAL, 3, unit_id=kl).total == 3


def issuers_after_chu_tich():
    # T3 done late and entered late, T4 without deadline, registered late.
    return figures.Figures(
        hoan_thanh_qua_han=1, dang_thuc_hien_trong_han=1, no_deadline=1, late_registration=1, late_result=1
    )


def test_R_5_2_secret_tasks_are_absent_from_every_ordinary_figure(fixed_register):
    secret_id = fixed_register["tasks"][7].id
    for as_of in (BEFORE, AFTER):
        assert figures.compute(as_of, CAL, 3) == figures.Figures(**EXPECTED[as_of])
        assert sum(f.total for f in figures.by_lead_unit(as_of, CAL, 3).values()) == 6
        assert sum(f.total for f in figures.by_issuer(as_of, CAL, 3).values()) == 6
        for key in (*figures.KEYS, "total"):
            ids = [t.id for t in Task.select().where(figures.condition(key, as_of, CAL, 3))]
            assert secret_id not in ids
    assert all(f.total == 6 for day, f in figures.trend(AFTER)[-2:])
    # the secret register's own figures, apart (for cleared users only)
    assert figures.compute(AFTER, CAL, 3, secret=True).dang_thuc_hien_qua_han == 1


@pytest.mark.parametrize("as_of", [BEFORE, AFTER])
def test_R_8_drill_down_conditions_hold_the_tasks_behind_each_figure(fixed_register, as_of):
    counts = figures.compute(as_of, CAL, 3)
    for key in figures.KEYS:
        n = Task.select().where(figures.condition(key, as_of, CAL, 3)).count()
        assert n == getattr(counts, key), key
    names = {t.summary for t in Task.select().where(figures.condition("dang_thuc_hien_qua_han", BEFORE, CAL, 3))}
    assert names == {"T2", "T6"}


def test_R_8_trend_gives_the_four_figures_at_each_month_end(fixed_register):
    points = figures.trend(AFTER)
    assert [day for day, _ in points] == rules.month_ends(AFTER)
    by_day = dict(points)
    assert by_day[AFTER] == figures.Figures(hoan_thanh_dung_han=2, hoan_thanh_qua_han=1, dang_thuc_hien_trong_han=3)
    # 31/10: T8's 31/10 deadline in force and not done yet; T2 on 30/11 (extended 20/10); T6 overdue.
    assert by_day[D(2026, 10, 31)] == figures.Figures(
        hoan_thanh_dung_han=1, dang_thuc_hien_trong_han=4, dang_thuc_hien_qua_han=1
    )
    assert by_day[D(2026, 8, 31)].total == 0
    # 30/09: six registered (not T4), none done, every deadline in force still ahead (T6: 01/10).
    assert by_day[D(2026, 9, 30)] == figures.Figures(dang_thuc_hien_trong_han=6)


def test_R_8_as_of_rules():
    today = D(2026, 11, 27)
    assert rules.as_of_error(D(2026, 11, 28), today, D(2026, 1, 5)) == (
        "Ngày tính số liệu không được sau ngày hôm nay (27/11/2026)."
    )
    assert "05/01/2026" in rules.as_of_error(D(2026, 1, 4), today, D(2026, 1, 5))
    assert rules.as_of_error(today, today, D(2026, 1, 5)) is None
    assert rules.month_ends(D(2026, 3, 10), 3) == [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 10)]
    assert rules.percent(1, 3) == 33.3 and rules.percent(0, 0) is None


def test_R_6_3b_cutoff_agrees_with_the_register_rule():
    from inspection.register.rules import result_entry_due

    for day in (D(2026, 10, 15), D(2026, 11, 20), D(2026, 2, 23), D(2026, 9, 3)):
        cutoff = rules.result_entry_cutoff(day, CAL)
        assert result_entry_due(cutoff, CAL) < day <= result_entry_due(cutoff + datetime.timedelta(days=1), CAL)


@pytest.mark.parametrize("as_of", [BEFORE, AFTER])
def test_R_8_trend_ends_on_the_figures_of_its_date(fixed_register, as_of):
    # BEFORE: T2's deadline then (10/10, extended on 20/10) makes it overdue; today's 30/11 would not.
    last_day, last = figures.trend(as_of)[-1]
    full = figures.compute(as_of, CAL, 3)
    assert last_day == as_of
    assert [getattr(last, k) for k in figures.FOUR] == [getattr(full, k) for k in figures.FOUR]


def test_R_8_a_units_figures_count_the_tasks_it_leads_or_takes_part_in(fixed_register):
    from inspection.register.models import TaskUnit

    kl = fixed_register["kl"].id
    TaskUnit.create(task=fixed_register["tasks"][5], unit=kl, role="cooperate")  # T5, led by CCTL
    got = figures.compute(AFTER, CAL, 3, involving=kl)
    assert (got.total, got.hoan_thanh_dung_han, got.dang_thuc_hien_trong_han, got.due_soon) == (4, 2, 2, 1)
    assert figures.compute(AFTER, CAL, 3, unit_id=kl).total == 3


@pytest.mark.parametrize("day", [BEFORE, D(2026, 10, 31), AFTER])
def test_R_8_pure_figure_on_agrees_with_the_sql_figures(fixed_register, day):
    from collections import Counter

    from inspection.monitoring import sql

    tasks = [t for t in fixed_register["tasks"].values() if not t.is_secret]
    history = sql.extension_history([t.id for t in tasks])
    counted = Counter(
        rules.figure_on(
            day,
            t.registered_on,
            t.returned_on,
            t.is_completed,
            t.completed_on,
            rules.deadline_then(day, history.get(t.id, []), t.deadline),
        )
        for t in tasks
    )
    full = figures.compute(day, CAL, 3)
    assert {k: counted.get(k, 0) for k in figures.FOUR} == {k: getattr(full, k) for k in figures.FOUR}
    assert rules.deadline_then(BEFORE, history[fixed_register["tasks"][2].id], D(2026, 11, 30)) == D(2026, 10, 10)


def test_R_6_3b_limit_never_lies_past_the_max_gap():
    from inspection.register.rules import result_entry_due

    day = D(2020, 1, 1)
    while day < D(2036, 1, 1):
        assert (result_entry_due(day, CAL) - day).days <= rules.MAX_ENTRY_GAP_DAYS, day
        day += datetime.timedelta(days=1)


def test_R_6_3b_results_entered_long_after_the_deadline_count_once(fixed_register):
    from tests.monitoring.conftest import _task

    doc = fixed_register["tasks"][1].document
    # 45 days after the deadline (certainly late) and 3 days after (Fri 02/10 → Mon 05/10: within the limit)
    _task(
        doc,
        fixed_register["kl"],
        "T9",
        deadline=D(2026, 9, 15),
        is_completed=True,
        completed_on=D(2026, 10, 30),
        result_entered_on=D(2026, 10, 30),
    )
    _task(
        doc,
        fixed_register["kl"],
        "T10",
        deadline=D(2026, 10, 2),
        is_completed=True,
        completed_on=D(2026, 10, 5),
        result_entered_on=D(2026, 10, 5),
    )
    got = figures.compute(AFTER, CAL, 3)
    assert got.late_result == EXPECTED[AFTER]["late_result"] + 1  # T9 only
    assert figures.by_lead_unit(AFTER, CAL, 3)[fixed_register["kl"].id].late_result == 1
    names = {t.summary for t in Task.select().where(figures.condition("late_result", AFTER, CAL, 3))}
    assert names == {"T3", "T9"}


@pytest.mark.parametrize("as_of", [BEFORE, AFTER])
def test_R_8_one_scan_per_unit_and_issuer_gives_both_tables(fixed_register, as_of):
    units, issuers = figures.combine(figures.by_unit_issuer(None, as_of, CAL, 3))
    assert units == figures.by_lead_unit(as_of, CAL, 3)
    assert issuers == figures.by_issuer(as_of, CAL, 3)
