"""The team, the plan rows and the scope of a case (issue 11): frozen changes of migration 0012.

- conflict_waiver: the Director's acceptance, with its reason, of a person working in an
  inspected unit as a team member (conflict of interest, Điều 13, Điều 14).
- case_task.outside_reason: why a task of a unit not inspected is in the scope (R-13.2b).
- team_member.invited_on, invited_by, invitation_purpose, invitation_doc: a member the leader
  invites during the inspection, with the inviting letter (R-14.2).
- inspection_case.presider: who presides when no team is set up (R-12.3, R-12.4).
"""

import datetime

from peewee import DateField, DateTimeField, ForeignKeyField, Model, TextField


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        class Meta:
            table_name = "user"

    class InspectionCase(Base):
        class Meta:
            table_name = "inspection_case"

    class OutgoingDocument(Base):
        class Meta:
            table_name = "outgoing_document"

    class ConflictWaiver(Base):
        case = ForeignKeyField(InspectionCase, backref="+", on_delete="CASCADE")
        user = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
        reason = TextField()
        accepted_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        accepted_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            table_name = "conflict_waiver"
            indexes = ((("case", "user"), True),)

    db.create_tables([ConflictWaiver])
    migrator.migrate(
        migrator.add_column("case_task", "outside_reason", TextField(default="")),
        migrator.add_column(
            "inspection_case", "presider_id", ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        ),
        migrator.add_column("team_member", "invited_on", DateField(null=True)),
        migrator.add_column(
            "team_member", "invited_by_id", ForeignKeyField(User, field=User.id, null=True, on_delete="SET NULL")
        ),
        migrator.add_column("team_member", "invitation_purpose", TextField(default="")),
        migrator.add_column(
            "team_member",
            "invitation_doc_id",
            ForeignKeyField(OutgoingDocument, field=OutgoingDocument.id, null=True, on_delete="RESTRICT"),
        ),
    )


def down(migrator, db):
    # SQLite rebuilds a table to drop a column and refuses while an index still names it.
    for table, column in (
        ("inspection_case", "presider_id"),
        ("team_member", "invited_by_id"),
        ("team_member", "invitation_doc_id"),
    ):
        db.execute_sql(f"DROP INDEX IF EXISTS {table}_{column}")
    migrator.migrate(
        migrator.drop_column("case_task", "outside_reason"),
        migrator.drop_column("inspection_case", "presider_id"),
        *(
            migrator.drop_column("team_member", c)
            for c in ("invited_on", "invited_by_id", "invitation_purpose", "invitation_doc_id")
        ),
    )
    migrator.migrate(migrator.drop_table("conflict_waiver"))
