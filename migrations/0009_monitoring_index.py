"""Monitoring dashboards (issue 12, R-8): one covering index for the figures as of any date.

monitoring/figures.py counts every figure in one scan of the register; with this index the
scan reads the index alone (measured with bench/bench_monitoring.py). Its name is the one
the Task model gives it (peewee hashes names longer than 64 characters).
"""

NAME = "task_is_secret_lead_unit_id_registered_on_returned_on_is_ef2ec7f"
COLUMNS = (
    "is_secret",
    "lead_unit_id",
    "registered_on",
    "returned_on",
    "is_completed",
    "completed_on",
    "deadline",
    "result_entered_on",
    "registration_due_on",
)


def up(migrator, db):
    cols = ", ".join(f'"{c}"' for c in COLUMNS)
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{NAME}" ON "task" ({cols})')


def down(migrator, db):
    db.execute_sql(f'DROP INDEX IF EXISTS "{NAME}"')
