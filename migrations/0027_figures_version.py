"""Dashboard figures (issue 12, speed): the data version their cache is keyed on.

One row counts the writes to every table the figures read (tasks, their documents, the units
taking part, periods, progress updates, deadline extensions, the working-day calendar). A
trigger bumps it inside the writer's own transaction, so any write (form, import, API, script,
shell) makes the cached figures stale from its commit on (inspection/monitoring/cache.py).
The count starts from a random number, so a database rebuilt from scratch (tests, a restore
into a fresh schema) never meets the versions of the one before. On PostgreSQL the bump is a deferred constraint
trigger: it takes the row's lock at commit, after every other lock, so writers never deadlock
on it. Frozen model; the live one is inspection/monitoring/models.py FiguresVersion.
"""

import secrets

from peewee import *

TABLES = (
    "task",
    "directive_document",
    "task_unit",
    "task_period",
    "progress_update",
    "deadline_extension",
    "workday_override",
)
BUMP = 'UPDATE "figures_version" SET "version" = "version" + 1'


def up(migrator, db):
    class FiguresVersion(Model):
        version = BigIntegerField(default=0)

        class Meta:
            database = db
            table_name = "figures_version"
            legacy_table_names = False

    db.create_tables([FiguresVersion])
    FiguresVersion.create(id=1, version=secrets.randbits(62))
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION figures_version_bump() RETURNS trigger AS $$ "
            f"BEGIN {BUMP}; RETURN NULL; END $$ LANGUAGE plpgsql"
        )
        for table in TABLES:
            db.execute_sql(
                f'CREATE CONSTRAINT TRIGGER "figures_version_{table}" AFTER INSERT OR UPDATE OR DELETE '
                f'ON "{table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figures_version_bump()'
            )
            db.execute_sql(  # TRUNCATE fires no row trigger; it locks the table whole anyway
                f'CREATE TRIGGER "figures_version_{table}_truncate" AFTER TRUNCATE ON "{table}" '
                "FOR EACH STATEMENT EXECUTE FUNCTION figures_version_bump()"
            )
        return
    for table in TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute_sql(
                f'CREATE TRIGGER "figures_version_{table}_{event.lower()}" AFTER {event} ON "{table}" BEGIN {BUMP}; END'
            )


def down(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        for table in TABLES:
            db.execute_sql(f'DROP TRIGGER IF EXISTS "figures_version_{table}" ON "{table}"')
            db.execute_sql(f'DROP TRIGGER IF EXISTS "figures_version_{table}_truncate" ON "{table}"')
        db.execute_sql("DROP FUNCTION IF EXISTS figures_version_bump()")
    else:
        for table in TABLES:
            for event in ("insert", "update", "delete"):
                db.execute_sql(f'DROP TRIGGER IF EXISTS "figures_version_{table}_{event}"')
    migrator.migrate(migrator.drop_table("figures_version"))
