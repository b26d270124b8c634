"""The decided time limit and the actual end of an inspection are kept apart (R-13d).

`end_on` stays what the decision decided; `ended_on` is the day the inspection actually ended
(the report and the notice are due 5 working days after it, R-16.2); `extended_to` and
`extension_doc_id` record an extension decision, without which a run past the limit is flagged.
"""

COLUMNS = (
    ("ended_on", "DATE NULL"),
    ("extended_to", "DATE NULL"),
    ("extension_doc_id", "INTEGER NULL REFERENCES outgoing_document (id) ON DELETE RESTRICT"),
)
INDEX = "inspection_case_extension_doc_id"


def up(migrator, db):
    for name, kind in COLUMNS:
        db.execute_sql(f"ALTER TABLE inspection_case ADD COLUMN {name} {kind}")
    db.execute_sql(f"CREATE INDEX {INDEX} ON inspection_case (extension_doc_id)")  # as the model's FK
    # Cases already ended: their end date was overwritten with the actual end; keep it as such.
    db.execute_sql(
        "UPDATE inspection_case SET ended_on = end_on WHERE state NOT IN ('du_thao', 'da_ban_hanh_qd', 'dang_kiem_tra')"
    )


def down(migrator, db):
    db.execute_sql(f"DROP INDEX IF EXISTS {INDEX}")
    for name, _kind in reversed(COLUMNS):
        db.execute_sql(f"ALTER TABLE inspection_case DROP COLUMN {name}")
