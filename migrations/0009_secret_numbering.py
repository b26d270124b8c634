"""A document number is unique within its register: ordinary and secret sequences apart (R-5.2).

Issuers number secret documents in a sequence of their own, so "15/QĐ-UBND" of 2026 may be
both an ordinary and a secret document. The unique index of migration 0002 made the second
one impossible to register and told an officer without clearance that the secret one existed.
"""

LEGACY = "directivedocument_number_key_issuer_kind_issuer_key_issued_year"  # 0002's name
PLAIN = "directive_document_number_key_issuer_kind_issuer_key_issued_year"  # 0007's name, the model's
NEW = "directive_document_number_per_register"
COLUMNS = "number_key, issuer_kind, issuer_key, issued_year"


def up(migrator, db):
    # 0007 re-created the unique index under the table's name: both names are dropped, the
    # columns keep a plain index (as the model declares it) and uniqueness moves per register.
    db.execute_sql(f"DROP INDEX IF EXISTS {LEGACY}")
    db.execute_sql(f"DROP INDEX IF EXISTS {PLAIN}")
    db.execute_sql(f"CREATE INDEX {PLAIN} ON directive_document ({COLUMNS})")
    db.execute_sql(f"CREATE UNIQUE INDEX {NEW} ON directive_document ({COLUMNS}, (secret_level <> ''))")


def down(migrator, db):
    db.execute_sql(f"DROP INDEX IF EXISTS {NEW}")
    db.execute_sql(f"DROP INDEX IF EXISTS {PLAIN}")
    db.execute_sql(f"CREATE UNIQUE INDEX {PLAIN} ON directive_document ({COLUMNS})")
