"""Index names as the models make them (issue 9): the frozen bases of 0002, 0003 and 0006
lacked `legacy_table_names = False`, so their indexes were named after the class
(`taskunit_task_id`) while the models name them after the table (`task_unit_task_id`).

SQLite cannot rename an index: each one is dropped and created again under its table's
name, with the same columns and uniqueness, inside the migration's transaction.
"""

# (table, columns, unique), frozen: the indexes created by 0002, 0003 and 0006.
INDEXES = [
    ("deadline_extension", ["recorded_by_id"], False),
    ("deadline_extension", ["task_id"], False),
    ("directive_document", ["created_by_id"], False),
    ("directive_document", ["doc_type"], False),
    ("directive_document", ["issuer_kind"], False),
    ("directive_document", ["number_key", "issuer_kind", "issuer_key", "issued_year"], True),
    ("directive_document", ["received_on"], False),
    ("directive_document", ["scan_id"], False),
    ("directive_document", ["secret_level"], False),
    ("number_sequence", ["key"], True),
    ("outgoing_document", ["created_by_id"], False),
    ("outgoing_document", ["docx_file_id"], False),
    ("outgoing_document", ["issued_by_id"], False),
    ("outgoing_document", ["issued_on"], False),
    ("outgoing_document", ["kind"], False),
    ("outgoing_document", ["pdf_file_id"], False),
    ("outgoing_document", ["secret", "state", "year", "number"], False),
    ("outgoing_document", ["state"], False),
    ("outgoing_document", ["subject_type", "subject_id"], False),
    ("outgoing_document", ["template_version_id"], False),
    ("outgoing_document", ["year", "secret", "number", "symbol"], True),
    ("progress_update", ["attachment_id"], False),
    ("progress_update", ["author_id"], False),
    ("progress_update", ["corrects_id"], False),
    ("progress_update", ["flagged_by_id"], False),
    ("progress_update", ["task_id"], False),
    ("progress_update", ["task_id", "on_date"], False),
    ("progress_update", ["unit_id"], False),
    ("task_period", ["task_id"], False),
    ("task_period", ["task_id", "deadline"], True),
    ("task_unit", ["task_id"], False),
    ("task_unit", ["task_id", "unit_id"], True),
    ("task_unit", ["unit_id"], False),
    ("task_unit", ["unit_id", "task_id"], False),
    ("template_version", ["file_id"], False),
    ("template_version", ["kind", "version"], True),
    ("template_version", ["uploaded_by_id"], False),
    ("workday_override", ["created_by_id"], False),
    ("workday_override", ["day"], True),
]


def _name(table, columns, legacy):
    prefix = table.replace("_", "") if legacy else table
    return "_".join([prefix, *columns])


def _rename(migrator, legacy_before):
    operations = []
    for table, columns, unique in INDEXES:
        operations.append(migrator.drop_index(table, _name(table, columns, legacy_before)))
        operations.append(migrator.add_index(table, columns, unique, name=_name(table, columns, not legacy_before)))
    migrator.migrate(*operations)


def up(migrator, db):
    _rename(migrator, legacy_before=True)


def down(migrator, db):
    _rename(migrator, legacy_before=False)
