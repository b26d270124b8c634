"""Submission for signature (trình ký, issue 14): who waits to sign a draft, and every round.

Frozen model of migration 0024; the live ones are in inspection/documents/models.py.
"""

import datetime

from peewee import *


def up(migrator, db):
    def _table(name):
        class Meta:
            database = db
            table_name = name

        return type(name.title().replace("_", ""), (Model,), {"Meta": Meta})

    User, Doc = _table("user"), _table("outgoing_document")

    class SignatureRound(Model):
        document = ForeignKeyField(Doc, backref="+", on_delete="CASCADE")
        round_no = IntegerField()
        submitted_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        submitted_at = DateTimeField(default=datetime.datetime.now)
        submitted_to = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        decided_at = DateTimeField(null=True)
        outcome = CharField(max_length=10, default="")
        remarks = TextField(default="")

        class Meta:
            database = db
            table_name = "signature_round"
            legacy_table_names = False
            indexes = ((("document", "round_no"), True),)

    def _user_fk():
        return ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")

    migrator.migrate(
        migrator.add_column("outgoing_document", "signer_key", CharField(max_length=20, default="")),
        migrator.add_column("outgoing_document", "submitted_to_id", _user_fk()),
        migrator.add_column("outgoing_document", "submitted_by_id", _user_fk()),
        migrator.add_column("outgoing_document", "submitted_at", DateTimeField(null=True)),
        migrator.add_column("outgoing_document", "drafter_initials", CharField(max_length=20, default="")),
        migrator.add_index("outgoing_document", ("submitted_to_id", "state"), False),
    )
    db.create_tables([SignatureRound])


def down(migrator, db):
    db.execute_sql("DROP TABLE IF EXISTS signature_round")
    # SQLite rebuilds a table to drop a column and refuses while an index still names it.
    db.execute_sql("DROP INDEX IF EXISTS outgoing_document_submitted_to_id_state")
    for column in ("submitted_to_id", "submitted_by_id"):
        db.execute_sql(f"DROP INDEX IF EXISTS outgoing_document_{column}")
    migrator.migrate(
        *(
            migrator.drop_column("outgoing_document", c)
            for c in ("signer_key", "submitted_to_id", "submitted_by_id", "submitted_at", "drafter_initials")
        )
    )
