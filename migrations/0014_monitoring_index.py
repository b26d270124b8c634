"""Monitoring dashboards (issue 12, R-8): two covering indexes for the figures as of any date.

monitoring/figures.py counts every figure in one grouped scan of the register; with these
indexes the scan reads an index alone: per lead unit through the first, per issuer (joined
from the documents) through the second; measured with bench/bench_monitoring.py (per issuer
424 → 222 ms CPU). Their names are the ones the Task model gives them (peewee hashes names
longer than 64 characters).
"""

FIGURE_COLUMNS = (
    "registered_on",
    "returned_on",
    "is_completed",
    "completed_on",
    "deadline",
    "result_entered_on",
    "registration_due_on",
)
INDEXES = {
    "task_is_secret_lead_unit_id_registered_on_returned_on_is_ef2ec7f": ("is_secret", "lead_unit_id", *FIGURE_COLUMNS),
    "task_document_id_is_secret_registered_on_returned_on_is__330e4dd": ("document_id", "is_secret", *FIGURE_COLUMNS),
}


def up(migrator, db):
    for name, columns in INDEXES.items():
        cols = ", ".join(f'"{c}"' for c in columns)
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "task" ({cols})')


def down(migrator, db):
    for name in INDEXES:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
