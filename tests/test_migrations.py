"""The migrations build the schema the models describe (issue 9): tables, columns, indexes.

The `app` fixture migrates a fresh database; the test records its schema, empties the
database, creates every model's table with `db.create_tables`, and compares the two.
Runs on SQLite and, in CI, on PostgreSQL (marker `db`).
"""

import importlib
import pkgutil

import pytest
from peewee import IntegrityError, SqliteDatabase

import inspection
from inspection.db import BaseModel, db

HISTORY = "schema_migration"  # the migration runner's own table, which no model describes


def all_models():
    """Every model of the app: the BaseModel subclasses of every module of the package."""
    for info in pkgutil.walk_packages(inspection.__path__, "inspection."):
        if info.name.rsplit(".", 1)[-1] in ("models", "settings", "uploads", "audit"):
            importlib.import_module(info.name)
    found, todo = [], [BaseModel]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


def _affinity(declared):
    """SQLite's type affinity of a declared column type (section 3.1 of its datatype page)."""
    t = declared.upper()
    if "INT" in t:
        return "INTEGER"
    if any(k in t for k in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if not t or "BLOB" in t:
        return "BLOB"
    if any(k in t for k in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def schema(database):
    """{table: {"columns": {name: (type, nullable)}, "indexes": {names}}}, history table left out."""
    sqlite = isinstance(database, SqliteDatabase)
    out = {}
    for table in database.get_tables():
        if table == HISTORY:
            continue
        columns = {
            c.name: (_affinity(c.data_type) if sqlite else c.data_type.lower(), c.null)
            for c in database.get_columns(table)
        }
        indexes = {i.name for i in database.get_indexes(table) if not i.name.startswith("sqlite_autoindex")}
        out[table] = {"columns": columns, "indexes": indexes}
    return out


def _empty(database):
    if isinstance(database, SqliteDatabase):
        database.execute_sql("PRAGMA foreign_keys = OFF")
        for table in database.get_tables():
            database.execute_sql(f'DROP TABLE "{table}"')
        database.execute_sql("PRAGMA foreign_keys = ON")
    else:
        database.execute_sql("DROP SCHEMA public CASCADE")
        database.execute_sql("CREATE SCHEMA public")


def _differences(migrated, modelled):
    diffs = []
    for table in sorted(set(migrated) | set(modelled)):
        if table not in modelled or table not in migrated:
            diffs.append(f"table {table}: only in {'migrations' if table in migrated else 'models'}")
            continue
        a, b = migrated[table], modelled[table]
        for name in sorted(set(a["columns"]) | set(b["columns"])):
            if a["columns"].get(name) != b["columns"].get(name):
                diffs.append(f"{table}.{name}: migrations {a['columns'].get(name)} models {b['columns'].get(name)}")
        for name in sorted(a["indexes"] ^ b["indexes"]):
            diffs.append(f"index {name}: only in {'migrations' if name in a['indexes'] else 'models'}")
    return diffs


@pytest.mark.db
def test_migrations_build_the_schema_of_the_models(app):
    with db.connection_context():
        migrated = schema(db.obj)
        _empty(db.obj)
        db.create_tables(all_models())
        modelled = schema(db.obj)
    assert len(modelled) > 30, "the models were not all found"
    diffs = _differences(migrated, modelled)
    assert not diffs, f"{len(diffs)} differences:\n" + "\n".join(diffs)


def test_the_comparison_sees_a_renamed_index():
    a = {"t": {"columns": {"id": ("INTEGER", False)}, "indexes": {"t_x"}}}
    b = {"t": {"columns": {"id": ("INTEGER", True)}, "indexes": {"tx"}}}
    assert _differences(a, b) == [
        "t.id: migrations ('INTEGER', False) models ('INTEGER', True)",
        "index t_x: only in migrations",
        "index tx: only in models",
    ]


@pytest.mark.db
def test_0007_renames_the_indexes_of_a_filled_0006_database_and_back(app):
    from playhouse.migrations import Runner

    from inspection.db import MIGRATIONS_DIR

    runner = Runner(db.obj, directory=str(MIGRATIONS_DIR))
    with db.connection_context():
        runner.down("0007_index_names")
        names = {i.name for i in db.obj.get_indexes("task_unit")}
        assert "taskunit_task_id_unit_id" in names and "task_unit_task_id_unit_id" not in names
        db.execute_sql(
            "INSERT INTO workday_override (day, kind, name, document_ref, created_at) "
            "VALUES ('2026-09-02', 'off', 'Quốc khánh', '', '2026-01-01 00:00:00')"
        )
        runner.up()
        names = {i.name for i in db.obj.get_indexes("workday_override")}
        assert names >= {"workday_override_day", "workday_override_created_by_id"}
        assert not any(n.startswith("workdayoverride_") for n in names)
        assert db.execute_sql("SELECT count(*) FROM workday_override").fetchone()[0] == 1
        with pytest.raises(IntegrityError), db.atomic():  # the recreated index is still unique
            db.execute_sql(
                "INSERT INTO workday_override (day, kind, name, document_ref, created_at) "
                "VALUES ('2026-09-02', 'off', 'Trùng', '', '2026-01-01 00:00:00')"
            )
