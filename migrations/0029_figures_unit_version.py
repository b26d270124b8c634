"""Dashboard figures (issue 12, speed): a data version per unit, so a write recomputes one unit.

Migration 0027 counts every write to the figures' tables in one row; the leadership dashboard
keyed on it recomputes all 100,000 tasks after any write (≈ 540 ms). Here one row per unit
counts the writes to the tasks that unit leads or takes part in (their progress updates,
periods, deadline extensions and unit links), and row 0 the writes that concern every unit
(directive documents, the working-day calendar). monitoring/cache.py keeps each unit's
figures for its version and row 0's, so after a write only the units of the written task are
counted again. Triggers bump the rows inside the writer's transaction, like 0027. Rows start
from random numbers, so a database rebuilt from scratch never meets the versions of the one
before. On PostgreSQL the bumps run at commit (deferred constraint triggers) behind one
transaction-scoped advisory lock, so two writers never take unit rows in opposite orders.
Frozen model; the live one is inspection/monitoring/models.py FiguresUnitVersion.
"""

import secrets

from peewee import *

TASK_CHILDREN = ("progress_update", "task_period", "deadline_extension")
EVERY_UNIT = ("directive_document", "workday_override")
LOCK_KEY = 7_330_029  # pg_advisory_xact_lock key of these bumps


def _bump_task_sql(task, lead, also=None):
    """SQL bumping the rows of a task's lead unit and of the units taking part in it (and `also`)."""
    extra = f'"unit_id" = {also} OR ' if also else ""
    return (
        f'UPDATE "figures_unit_version" SET "version" = "version" + 1 WHERE {extra}"unit_id" = {lead} '
        f'OR "unit_id" IN (SELECT "unit_id" FROM "task_unit" WHERE "task_id" = {task})'
    )


def _sqlite(db):
    def trigger(name, event, table, body):
        db.execute_sql(f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" BEGIN {body}; END')

    trigger(
        "figures_unit_version_unit_insert",
        "INSERT",
        "unit",
        'INSERT OR IGNORE INTO "figures_unit_version" ("unit_id", "version") VALUES (NEW."id", '
        "abs(random() % 4611686018427387904))",
    )

    def lead(r):
        return f'(SELECT "lead_unit_id" FROM "task" WHERE "id" = {r}."task_id")'

    for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
        body = "; ".join(_bump_task_sql(f'{r}."id"', f'{r}."lead_unit_id"') for r in rows)
        trigger(f"figures_unit_version_task_{event.lower()}", event, "task", body)
        for table in TASK_CHILDREN:
            body = "; ".join(_bump_task_sql(f'{r}."task_id"', lead(r)) for r in rows)
            trigger(f"figures_unit_version_{table}_{event.lower()}", event, table, body)
        body = "; ".join(_bump_task_sql(f'{r}."task_id"', lead(r), also=f'{r}."unit_id"') for r in rows)
        trigger(f"figures_unit_version_task_unit_{event.lower()}", event, "task_unit", body)
        for table in EVERY_UNIT:
            trigger(
                f"figures_unit_version_{table}_{event.lower()}",
                event,
                table,
                'UPDATE "figures_unit_version" SET "version" = "version" + 1 WHERE "unit_id" = 0',
            )


PG_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION figures_unit_bump_task(p_task bigint, p_lead bigint) RETURNS void AS $$
BEGIN
  PERFORM pg_advisory_xact_lock({LOCK_KEY});
  {_bump_task_sql("p_task", "p_lead")};
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION figures_unit_on_task() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM figures_unit_bump_task(OLD.id, OLD.lead_unit_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM figures_unit_bump_task(NEW.id, NEW.lead_unit_id); END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION figures_unit_on_child() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM figures_unit_bump_task(OLD.task_id, (SELECT t.lead_unit_id FROM task t WHERE t.id = OLD.task_id));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM figures_unit_bump_task(NEW.task_id, (SELECT t.lead_unit_id FROM task t WHERE t.id = NEW.task_id));
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION figures_unit_on_link() RETURNS trigger AS $$
BEGIN
  PERFORM pg_advisory_xact_lock({LOCK_KEY});
  IF TG_OP <> 'INSERT' THEN
    UPDATE figures_unit_version SET version = version + 1 WHERE unit_id = OLD.unit_id;
    PERFORM figures_unit_bump_task(OLD.task_id, (SELECT t.lead_unit_id FROM task t WHERE t.id = OLD.task_id));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE figures_unit_version SET version = version + 1 WHERE unit_id = NEW.unit_id;
    PERFORM figures_unit_bump_task(NEW.task_id, (SELECT t.lead_unit_id FROM task t WHERE t.id = NEW.task_id));
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION figures_unit_on_every() RETURNS trigger AS $$
BEGIN
  PERFORM pg_advisory_xact_lock({LOCK_KEY});
  UPDATE figures_unit_version SET version = version + 1 WHERE unit_id = 0;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION figures_unit_on_unit() RETURNS trigger AS $$
BEGIN
  INSERT INTO figures_unit_version (unit_id, version)
  VALUES (NEW.id, floor(random() * 4611686018427387903)::bigint) ON CONFLICT (unit_id) DO NOTHING;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
"""
PG_TRIGGERS = (
    ("task", "figures_unit_on_task"),
    *((table, "figures_unit_on_child") for table in TASK_CHILDREN),
    ("task_unit", "figures_unit_on_link"),
    *((table, "figures_unit_on_every") for table in EVERY_UNIT),
)


def _postgres(db):
    db.execute_sql(PG_FUNCTIONS)
    for table, function in PG_TRIGGERS:
        db.execute_sql(
            f'CREATE CONSTRAINT TRIGGER "figures_unit_{table}" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
        db.execute_sql(  # TRUNCATE fires no row trigger: count it against every unit
            f'CREATE TRIGGER "figures_unit_{table}_truncate" AFTER TRUNCATE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION figures_unit_on_truncate()"
        )
    db.execute_sql(
        'CREATE TRIGGER "figures_unit_unit" AFTER INSERT ON "unit" FOR EACH ROW EXECUTE FUNCTION figures_unit_on_unit()'
    )


def up(migrator, db):
    class FiguresUnitVersion(Model):
        unit_id = IntegerField(primary_key=True)  # 0: what concerns every unit
        version = BigIntegerField(default=0)

        class Meta:
            database = db
            table_name = "figures_unit_version"
            legacy_table_names = False

    db.create_tables([FiguresUnitVersion])
    ids = [0] + [unit_id for (unit_id,) in db.execute_sql('SELECT "id" FROM "unit"').fetchall()]
    FiguresUnitVersion.insert_many([{"unit_id": i, "version": secrets.randbits(62)} for i in ids]).execute()
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION figures_unit_on_truncate() RETURNS trigger AS $$ BEGIN "
            f"PERFORM pg_advisory_xact_lock({LOCK_KEY}); "
            "UPDATE figures_unit_version SET version = version + 1; RETURN NULL; END $$ LANGUAGE plpgsql"
        )
        _postgres(db)
    else:
        _sqlite(db)


def down(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        for table, _function in PG_TRIGGERS:
            db.execute_sql(f'DROP TRIGGER IF EXISTS "figures_unit_{table}" ON "{table}"')
            db.execute_sql(f'DROP TRIGGER IF EXISTS "figures_unit_{table}_truncate" ON "{table}"')
        db.execute_sql('DROP TRIGGER IF EXISTS "figures_unit_unit" ON "unit"')
        for function in (
            "figures_unit_on_task()",
            "figures_unit_on_child()",
            "figures_unit_on_link()",
            "figures_unit_on_every()",
            "figures_unit_on_unit()",
            "figures_unit_on_truncate()",
            "figures_unit_bump_task(bigint, bigint)",
        ):
            db.execute_sql(f"DROP FUNCTION IF EXISTS {function}")
    else:
        names = [r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()]
        for name in names:
            if name.startswith("figures_unit_version_"):
                db.execute_sql(f'DROP TRIGGER IF EXISTS "{name}"')
    migrator.migrate(migrator.drop_table("figures_unit_version"))
