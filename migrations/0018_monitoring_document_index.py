"""Monitoring (issue 12, R-6.3b, R-8): the covering index of the figures per lead unit also holds
the task's document.

The late result entries (R-6.3b) count only the Province's tasks, known from the document:
with `document_id` in the index the scan per lead unit still reads the index alone instead of
looking every row up in the table (bench/bench_monitoring.py). It replaces the first index of
migration 0014; the name is the one the Task model gives it (peewee hashes long names).
"""

OLD = "task_is_secret_lead_unit_id_registered_on_returned_on_is_ef2ec7f"
NEW = "task_is_secret_lead_unit_id_document_id_registered_on_re_2bfa4eb"
OLD_COLUMNS = (
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
NEW_COLUMNS = (*OLD_COLUMNS[:2], "document_id", *OLD_COLUMNS[2:])


def _create(db, name, columns):
    cols = ", ".join(f'"{c}"' for c in columns)
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "task" ({cols})')


def up(migrator, db):
    _create(db, NEW, NEW_COLUMNS)
    db.execute_sql(f'DROP INDEX IF EXISTS "{OLD}"')


def down(migrator, db):
    _create(db, OLD, OLD_COLUMNS)
    db.execute_sql(f'DROP INDEX IF EXISTS "{NEW}"')
