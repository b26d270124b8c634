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
    units, _issuers = figures.by_unit_and_issuer(TODAY, CAL, 3)
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
    units, issuers = figures.by_unit_and_issuer(as_of, CAL, 3)
    assert sum(f.late_result for f in units.values()) == figures.compute(as_of, CAL, 3).late_result


def test_R_8_literal_id_lists_select_what_bound_ones_do(fixed_register):
    ids = [t.id for key, t in fixed_register["tasks"].items() if key % 2]
    for listed in (ids, [], ids[:1]):
        for negate in (False, True):
            got = {t.id for t in Task.select(Task.id).where(sql.in_ids(listed, negate=negate))}
            bound = Task.id.not_in(listed) if negate else Task.id.in_(listed)
            assert got == {t.id for t in Task.select(Task.id).where(bound)}
