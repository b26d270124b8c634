"""Inspection plans and cases (issue 5, Chương IV): frozen models of migration 0004."""

import datetime

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def up(migrator, db):
    now = datetime.datetime.now

    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Unit(Base):
        class Meta:
            table_name = "unit"

    class User(Base):
        class Meta:
            table_name = "user"

    class Task(Base):
        class Meta:
            table_name = "task"

    class StoredFile(Base):
        class Meta:
            table_name = "stored_file"

    class OutgoingDocument(Base):
        class Meta:
            table_name = "outgoing_document"

    class InspectionPlan(Base):
        year = IntegerField(index=True)
        title = CharField(max_length=500)
        period_label = CharField(max_length=100, default="")
        purpose = TextField(default="")
        content_items = CharField(max_length=255, default="")
        method = TextField(default="")
        organisation = TextField(default="")
        state = CharField(max_length=20, default="du_thao", index=True)
        remarks = TextField(default="")
        created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        created_at = DateTimeField(default=now)
        submitted_at = DateTimeField(null=True)
        approved_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        approved_at = DateTimeField(null=True)
        plan_doc = ForeignKeyField(OutgoingDocument, null=True, backref="+", on_delete="RESTRICT")
        version = IntegerField(default=1)

    class PlanItem(Base):
        plan = ForeignKeyField(InspectionPlan, backref="+", on_delete="CASCADE")
        unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
        content = TextField(default="")
        window_start = DateField(index=True)
        window_end = DateField()
        form = CharField(max_length=30, default="doan_kiem_tra")
        composition = TextField(default="")
        sort_order = IntegerField(default=0)

    class InspectionCase(Base):
        title = CharField(max_length=500)
        plan_item = ForeignKeyField(PlanItem, null=True, backref="+", on_delete="SET NULL")
        ground = CharField(max_length=20, default="ke_hoach")
        ground_reference = CharField(max_length=255, default="")
        ground_note = TextField(default="")
        form = CharField(max_length=30, default="doan_kiem_tra")
        state = CharField(max_length=30, default="du_thao", index=True)
        legal_grounds = TextField(default="")
        content_items = CharField(max_length=255, default="")
        content_note = TextField(default="")
        start_on = DateField(null=True)
        end_on = DateField(null=True)
        working_days = IntegerField(default=0)
        report_due_on = DateField(null=True, index=True)
        scope_frozen_at = DateTimeField(null=True)
        decision_doc = ForeignKeyField(
            OutgoingDocument, null=True, backref="+", on_delete="RESTRICT", column_name="decision_doc_id"
        )
        report_doc = ForeignKeyField(
            OutgoingDocument, null=True, backref="+", on_delete="RESTRICT", column_name="report_doc_id"
        )
        notice_doc = ForeignKeyField(
            OutgoingDocument, null=True, backref="+", on_delete="RESTRICT", column_name="notice_doc_id"
        )
        reported_on = DateField(null=True)
        notified_on = DateField(null=True)
        overview = TextField(default="")
        strengths = TextField(default="")
        weaknesses = TextField(default="")
        causes = TextField(default="")
        conclusion = TextField(default="")
        report_back_by = DateField(null=True)
        created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        created_at = DateTimeField(default=now)
        version = IntegerField(default=1)

    class CaseUnit(Base):
        case = ForeignKeyField(InspectionCase, backref="+", on_delete="CASCADE")
        unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")

        class Meta:
            indexes = ((("case", "unit"), True), (("unit", "case"), False))

    class CaseTask(Base):
        case = ForeignKeyField(InspectionCase, backref="+", on_delete="CASCADE")
        task = ForeignKeyField(Task, backref="+", on_delete="RESTRICT")
        number_symbol = CharField(max_length=100, default="")
        summary = TextField(default="")
        lead_unit_name = CharField(max_length=255, default="")
        deadline = DateField(null=True)
        status_code = CharField(max_length=30, default="")
        sort_order = IntegerField(default=0)

        class Meta:
            indexes = ((("case", "task"), True), (("task", "case"), False))

    class TeamMember(Base):
        case = ForeignKeyField(InspectionCase, backref="+", on_delete="CASCADE")
        user = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
        name = CharField(max_length=255)
        title = CharField(max_length=255, default="")
        agency = CharField(max_length=255, default="")
        gender = CharField(max_length=3, default="Ông")
        role = CharField(max_length=20, default="thanh_vien")
        sort_order = IntegerField(default=0)

        class Meta:
            indexes = ((("user", "case"), False),)

    class CaseTransition(Base):
        case = ForeignKeyField(InspectionCase, backref="+", on_delete="CASCADE")
        from_state = CharField(max_length=30)
        to_state = CharField(max_length=30)
        user = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        at = DateTimeField(default=now)
        note = TextField(default="")

    class InformationRequest(Base):
        case = ForeignKeyField(InspectionCase, backref="+", on_delete="CASCADE")
        subject = CharField(max_length=500)
        content = TextField(default="")
        due_on = DateField()
        doc = ForeignKeyField(OutgoingDocument, null=True, backref="+", on_delete="RESTRICT")
        created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        created_at = DateTimeField(default=now)

    class RequestUnit(Base):
        request = ForeignKeyField(InformationRequest, backref="+", on_delete="CASCADE")
        unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")

        class Meta:
            indexes = ((("request", "unit"), True), (("unit", "request"), False))

    class UnitAnswer(Base):
        request = ForeignKeyField(InformationRequest, backref="+", on_delete="CASCADE")
        unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
        file = ForeignKeyField(StoredFile, backref="+", on_delete="RESTRICT")
        note = TextField(default="")
        uploaded_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        uploaded_at = DateTimeField(default=now)

    class Minutes(Base):
        case = ForeignKeyField(InspectionCase, backref="+", on_delete="CASCADE")
        unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
        held_at = DateTimeField()
        ended_at = DateTimeField(null=True)
        place = CharField(max_length=255)
        team_participants = TextField(default="")
        unit_participants = TextField(default="")
        content = TextField(default="")
        results = TextField(default="")
        unit_opinions = TextField(default="")
        doc = ForeignKeyField(OutgoingDocument, null=True, backref="+", on_delete="RESTRICT")
        created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        created_at = DateTimeField(default=now)

    class WorkingNote(Base):
        case = ForeignKeyField(InspectionCase, backref="+", on_delete="CASCADE")
        author = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        text = TextField()
        file = ForeignKeyField(StoredFile, null=True, backref="+", on_delete="RESTRICT")
        created_at = DateTimeField(default=now)

    class Finding(Base):
        case = ForeignKeyField(InspectionCase, backref="+", on_delete="CASCADE")
        case_task = ForeignKeyField(CaseTask, backref="+", on_delete="CASCADE", unique=True)
        result = CharField(max_length=20, default="")
        nature = TextField(default="")
        degree = TextField(default="")
        cause = TextField(default="")
        responsibility = TextField(default="")
        note = TextField(default="")
        registration_late = BooleanField(default=False)
        result_entry_late = BooleanField(default=False)
        updated_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
        updated_at = DateTimeField(default=now)

    class UnitEvaluation(Base):
        case = ForeignKeyField(InspectionCase, backref="+", on_delete="CASCADE")
        unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
        organisation = TextField(default="")
        results = TextField(default="")
        updating = TextField(default="")
        reporting = TextField(default="")
        figures = TextField(default="{}")

        class Meta:
            indexes = ((("case", "unit"), True),)

    class Recommendation(Base):
        case = ForeignKeyField(InspectionCase, backref="+", on_delete="CASCADE")
        kind = CharField(max_length=30, default="don_doc_chi_dao")
        content = TextField()
        unit = ForeignKeyField(Unit, backref="+", on_delete="RESTRICT")
        deadline = DateField()
        task = ForeignKeyField(Task, null=True, backref="+", on_delete="SET NULL")
        sort_order = IntegerField(default=0)

        class Meta:
            indexes = ((("unit", "case"), False),)

    db.create_tables(
        [
            InspectionPlan,
            PlanItem,
            InspectionCase,
            CaseUnit,
            CaseTask,
            TeamMember,
            CaseTransition,
            InformationRequest,
            RequestUnit,
            UnitAnswer,
            Minutes,
            WorkingNote,
            Finding,
            UnitEvaluation,
            Recommendation,
        ]
    )


def down(migrator, db):
    for name in (
        "recommendation",
        "unit_evaluation",
        "finding",
        "working_note",
        "minutes",
        "unit_answer",
        "request_unit",
        "information_request",
        "case_transition",
        "team_member",
        "case_task",
        "case_unit",
        "inspection_case",
        "plan_item",
        "inspection_plan",
    ):
        db.execute_sql(f'DROP TABLE IF EXISTS "{name}"')
