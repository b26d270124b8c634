"""R-8: the dashboards' figures kept per data version (monitoring/cache.py, migration 0027).

A kept figure must never outlive a write: every write to a table the figures read bumps the
data version in the writer's transaction (triggers), whatever wrote it — an operation, an
import, a plain SQL statement. Runs on SQLite and, marked `db`, on PostgreSQL.
"""

import datetime

import pytest

from inspection.db import db
from inspection.monitoring import cache, figures, sql
from inspection.register import operations
from inspection.register.models import DeadlineExtension, DirectiveDocument, ProgressUpdate, Task, TaskPeriod, TaskUnit
from tests.monitoring.conftest import AFTER, BEFORE, CAL, TODAY
from tests.monitoring.test_figures import EXPECTED
from tests.monitoring.test_views import _cell, people  # noqa: F401 - the fixture of the dashboard's users

D = datetime.date


def _version():
    return cache.data_version()


def test_R_8_data_version_moves_with_every_write_to_the_figures_tables(fixed_register):
    t2 = fixed_register["tasks"][2]
    writes = [
        lambda: Task.update(deadline=D(2026, 12, 1)).where(Task.id == t2.id).execute(),
        lambda: (
            DirectiveDocument.update(issuer_kind="chu_tich").where(DirectiveDocument.id == t2.document_id).execute()
        ),
        lambda: TaskUnit.create(task=t2, unit=fixed_register["tl"]),
        lambda: TaskPeriod.create(task=t2, period_label="Tháng 11/2026", deadline=D(2026, 11, 30)),
        lambda: ProgressUpdate.create(task=t2, unit=fixed_register["kl"], on_date=TODAY, text="Đang làm"),
        lambda: DeadlineExtension.delete().where(DeadlineExtension.task == t2.id).execute(),
        lambda: db.execute_sql("DELETE FROM task_unit"),
    ]
    for write in writes:
        before = _version()
        write()
        assert _version() > before


def test_R_8_data_version_moves_with_a_truncate_on_postgresql(fixed_register):
    from inspection.db import is_postgres

    if not is_postgres():
        pytest.skip("SQLite has no TRUNCATE (DELETE without WHERE fires the row triggers)")
    before = _version()
    db.execute_sql("TRUNCATE task_unit")
    assert _version() > before


def test_R_8_kept_figures_are_the_computed_ones_until_a_write(app, fixed_register):
    cache.clear()
    first = cache.figures(figures.compute, AFTER, CAL, 3)
    assert cache.figures(figures.compute, AFTER, CAL, 3) is first  # kept
    assert first.as_dict() == figures.compute(AFTER, CAL, 3).as_dict()
    t5 = fixed_register["tasks"][5]  # in time, due soon on AFTER
    Task.update(deadline=D(2026, 11, 10)).where(Task.id == t5.id).execute()
    again = cache.figures(figures.compute, AFTER, CAL, 3)
    assert again is not first
    assert again.dang_thuc_hien_qua_han == first.dang_thuc_hien_qua_han + 1
    assert again.due_soon == first.due_soon - 1


def test_R_8_nothing_kept_when_a_write_commits_during_the_computation(app, fixed_register):
    cache.clear()
    calls = []

    def compute_while_someone_writes(as_of):
        calls.append(as_of)
        Task.update(summary=Task.summary).where(Task.id == fixed_register["tasks"][1].id).execute()
        return figures.compute(as_of, CAL, 3)

    cache.figures(compute_while_someone_writes, BEFORE)
    cache.figures(compute_while_someone_writes, BEFORE)
    assert calls == [BEFORE, BEFORE]


def test_R_8_a_calendar_counts_by_its_days_not_by_the_object():
    from inspection.workdays import WorkCalendar

    assert cache._hashable(WorkCalendar()) == cache._hashable(WorkCalendar())
    assert cache._hashable(WorkCalendar()) != cache._hashable(WorkCalendar({"2026-11-21": ("work", "Làm bù")}))


def test_R_8_dashboard_shows_a_completion_at_once(client, login, people, fixed_register):  # noqa: F811
    login(client, "gd")
    kl = fixed_register["kl"].id
    before = client.get("/monitoring/").get_data(as_text=True)
    assert _cell(before, "unit-table", f"unit-{kl}", "hoan_thanh_dung_han")[1] == 2  # T1, T8
    t2 = Task.get_by_id(fixed_register["tasks"][2].id)  # in time until 30/11
    operations.complete_task(people["director"], t2, TODAY, "Đã xong", "", None, t2.version)
    after = client.get("/monitoring/").get_data(as_text=True)
    assert _cell(after, "unit-table", f"unit-{kl}", "hoan_thanh_dung_han")[1] == 3
    units, _issuers = figures.combine(figures.by_unit_issuer(None, TODAY, CAL, 3))
    assert units[kl].hoan_thanh_dung_han == 3


def test_R_8_cache_can_be_turned_off(app, fixed_register):
    app.config["MONITORING_CACHE"] = False
    cache.clear()
    assert cache.figures(figures.compute, AFTER, CAL, 3) is not cache.figures(figures.compute, AFTER, CAL, 3)
    assert cache.figures(figures.compute, AFTER, CAL, 3).as_dict()["late_result"] == EXPECTED[AFTER]["late_result"]


# --- the SQL building blocks the speed-up added (monitoring/sql.py) ---------------------------


def test_R_8_packed_sums_read_back_every_figure():
    row = (10, 3 + 2 * sql.FIELD + 4 * sql.FIELD**2, 1 + 2 * sql.FIELD + 5 * sql.FIELD**2, 6)
    assert sql.unpack(*row) == {
        "hoan_thanh_dung_han": 3,
        "hoan_thanh_qua_han": 2,
        "dang_thuc_hien_trong_han": 1,
        "dang_thuc_hien_qua_han": 4,
        "due_soon": 2,
        "no_deadline": 1,
        "late_registration": 5,
        "late_result": 6,
    }
    with pytest.raises(OverflowError):
        sql.unpack(sql.FIELD, 0, 0, 0)


def test_R_8_timeline_key_reads_back_its_five_columns():
    for values in [(0, 0, 0, 0, 0), (12, 12, 12, 12, 1), (3, 7, 12, 5, 1), (11, 0, 4, 12, 0)]:
        key = sum(v * 13**i for i, v in enumerate(values))
        assert sql.timeline_values(key, 12) == values


@pytest.mark.parametrize("as_of", [BEFORE, D(2026, 11, 4), AFTER])
def test_R_6_3b_plus_days_agrees_with_the_calendar_days(fixed_register, as_of):
    t3 = fixed_register["tasks"][3]  # deadline 10/11/2026
    got = Task.select(sql.plus_days(Task.deadline, 21), sql.plus_days(Task.deadline, 2)).where(Task.id == t3.id)
    assert [sql.as_date(v) for v in got.tuples().get()] == [D(2026, 12, 1), D(2026, 11, 12)]
    units, issuers = figures.combine(figures.by_unit_issuer(None, as_of, CAL, 3))
    assert sum(f.late_result for f in units.values()) == figures.compute(as_of, CAL, 3).late_result


def test_R_8_literal_id_lists_select_what_bound_ones_do(fixed_register):
    ids = [t.id for key, t in fixed_register["tasks"].items() if key % 2]
    for listed in (ids, [], ids[:1]):
        for negate in (False, True):
            got = {t.id for t in Task.select(Task.id).where(sql.in_ids(listed, negate=negate))}
            bound = Task.id.not_in(listed) if negate else Task.id.in_(listed)
            assert got == {t.id for t in Task.select(Task.id).where(bound)}


# --- a data version per unit (migration 0029): a write counts its units again, not all ------


def _unit_versions():
    return cache.unit_versions()


def test_R_8_unit_versions_move_with_the_writes_to_their_units_tasks(fixed_register, make_unit):
    kl, tl = fixed_register["kl"].id, fixed_register["tl"].id
    t1 = fixed_register["tasks"][1]  # led by Kiểm lâm
    assert t1.lead_unit_id == kl

    def moved(write):
        before = _unit_versions()
        write()
        after = _unit_versions()
        return {u for u in after if after[u] != before.get(u)}

    assert moved(lambda: Task.update(summary="T1 sửa").where(Task.id == t1.id).execute()) == {kl}
    assert moved(lambda: TaskUnit.create(task=t1, unit=tl)) == {kl, tl}
    # Now Thủy lợi takes part in T1: every later write to T1 counts against both.
    assert moved(lambda: ProgressUpdate.create(task=t1, unit=fixed_register["kl"], on_date=TODAY, text="Tiến độ")) == {
        kl,
        tl,
    }
    assert moved(lambda: TaskPeriod.create(task=t1, period_label="Tháng 11/2026", deadline=D(2026, 11, 30))) == {kl, tl}
    assert moved(lambda: DeadlineExtension.delete().where(DeadlineExtension.task == t1.id).execute()) == set()
    assert moved(lambda: Task.update(lead_unit=tl).where(Task.id == t1.id).execute()) == {kl, tl}
    assert moved(lambda: TaskUnit.delete().where(TaskUnit.task == t1.id).execute()) == {tl}
    # What concerns every unit: the document (its issuer kind), the working-day calendar.
    assert moved(
        lambda: DirectiveDocument.update(issuer_kind="chu_tich").where(DirectiveDocument.id == t1.document_id).execute()
    ) == {0}
    new = make_unit(name="Chi cục Thú y", abbreviation="CCTY")
    assert new.id in _unit_versions()


def test_R_8_per_unit_figures_add_up_to_the_department_s(fixed_register):
    for as_of in (BEFORE, AFTER, TODAY):
        units, issuers = figures.combine(figures.by_unit_issuer(None, as_of, CAL, 3))
        assert units == figures.by_lead_unit(as_of, CAL, 3)
        assert issuers == figures.by_issuer(as_of, CAL, 3)
        ends = [end for end, _fig in figures.trend(as_of)]
        summed = figures.sum_trends(ends, figures.trend_by_unit(None, as_of).values())
        assert [(e, f.as_dict()) for e, f in summed] == [(e, f.as_dict()) for e, f in figures.trend(as_of)]
        one = fixed_register["kl"].id
        assert figures.by_unit_issuer([one], as_of, CAL, 3) == {one: figures.by_unit_issuer(None, as_of, CAL, 3)[one]}


def test_R_8_a_write_counts_again_only_the_units_of_the_written_task(app, fixed_register):
    cache.clear()
    asked = []

    def counted(unit_ids, as_of):
        asked.append(None if unit_ids is None else sorted(unit_ids))
        return figures.by_unit_issuer(unit_ids, as_of, CAL, 3)

    first = cache.per_unit(counted, AFTER)
    assert cache.per_unit(counted, AFTER) == first
    assert asked == [None]  # every unit once, then all kept
    kl, t5 = fixed_register["kl"].id, fixed_register["tasks"][5]  # T5: Thủy lợi, in time, due soon on AFTER
    tl = t5.lead_unit_id
    Task.update(deadline=D(2026, 11, 10)).where(Task.id == t5.id).execute()
    again = cache.per_unit(counted, AFTER)
    assert asked == [None, [tl]]
    assert again[kl] is first[kl]  # Kiểm lâm's figures kept
    fresh = figures.by_unit_issuer(None, AFTER, CAL, 3)
    assert {u: {k: f.as_dict() for k, f in v.items()} for u, v in again.items()} == {
        u: {k: f.as_dict() for k, f in v.items()} for u, v in fresh.items() if v
    }
    assert sum(f.dang_thuc_hien_qua_han for f in again[tl].values()) == 1 + sum(
        f.dang_thuc_hien_qua_han for f in first[tl].values()
    )


def test_R_8_a_unit_s_page_figures_outlive_a_write_to_another_unit_s_task(app, fixed_register):
    cache.clear()
    kl, tl = fixed_register["kl"].id, fixed_register["tl"].id
    mine = cache.for_unit(kl, figures.compute, AFTER, CAL, 3, involving=kl)
    t5 = fixed_register["tasks"][5]  # Thủy lợi's
    Task.update(deadline=D(2026, 11, 10)).where(Task.id == t5.id).execute()
    assert cache.for_unit(kl, figures.compute, AFTER, CAL, 3, involving=kl) is mine
    theirs = cache.for_unit(tl, figures.compute, AFTER, CAL, 3, involving=tl)
    assert theirs.as_dict() == figures.compute(AFTER, CAL, 3, involving=tl).as_dict()
    t1 = fixed_register["tasks"][1]  # Kiểm lâm's own task
    Task.update(summary="T1 sửa").where(Task.id == t1.id).execute()
    assert cache.for_unit(kl, figures.compute, AFTER, CAL, 3, involving=kl) is not mine
