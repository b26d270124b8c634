"""Inspection plans and cases (Chương IV): the decision, team, scope, work, findings, results.

Each issued document is a clearly named FK to documents.OutgoingDocument:
plan.plan_doc (KH), case.decision_doc (QĐ), request.doc (công văn), minutes.doc (BB),
case.report_doc (BC), case.notice_doc (TB). The dossier (issue 6) reads them.
"""

import json

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from inspection import clock
from inspection.accounts.models import Unit, User
from inspection.cases import rules
from inspection.db import BaseModel
from inspection.documents.models import OutgoingDocument
from inspection.register.models import Task
from inspection.uploads import StoredFile


def _now():
    return clock.now()


def _lines(text):
    return [x.strip() for x in (text or "").splitlines() if x.strip()]


class InspectionPlan(BaseModel):
    """A plan of inspections for a year or a period (R-12.1, R-15.1a)."""

    year = IntegerField(index=True)
    title = CharField(max_length=500)
    period_label = CharField(max_length=100, default="")
    purpose = TextField(default="")  # I. Mục đích, yêu cầu
    content_items = CharField(max_length=255, default=",".join(rules.CONTENT_ITEMS))
    method = TextField(default="")  # III. Hình thức, phương pháp
    organisation = TextField(default="")  # V. Tổ chức thực hiện
    state = CharField(max_length=20, default=rules.PLAN_DRAFT, index=True)
    remarks = TextField(default="")  # the Director's remarks when returned
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=_now)
    submitted_at = DateTimeField(null=True)
    approved_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    approved_at = DateTimeField(null=True)
    plan_doc = ForeignKeyField(OutgoingDocument, null=True, on_delete="RESTRICT")
    version = IntegerField(default=1)

    def __str__(self):
        return self.title

    @property
    def state_label(self):
        return rules.PLAN_LABELS.get(self.state, self.state)

    @property
    def content_keys(self):
        return [k for k in self.content_items.split(",") if k in rules.CONTENT_ITEMS]


class PlanItem(BaseModel):
    """One planned inspection of a unit (row of the plan's table)."""

    plan = ForeignKeyField(InspectionPlan, backref="items", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, on_delete="RESTRICT")
    content = TextField(default="")
    window_start = DateField(index=True)
    window_end = DateField()
    form = CharField(max_length=30, default=rules.FORM_TEAM)
    composition = TextField(default="")  # thành phần
    sort_order = IntegerField(default=0)

    @property
    def form_label(self):
        return rules.FORM_LABELS.get(self.form, self.form)


class InspectionCase(BaseModel):
    """One inspection, from the draft decision to the closed dossier."""

    title = CharField(max_length=500)
    plan_item = ForeignKeyField(PlanItem, null=True, backref="cases", on_delete="SET NULL")
    ground = CharField(max_length=20, default=rules.GROUND_PLAN)
    ground_reference = CharField(max_length=255, default="")  # the Board's request
    ground_note = TextField(default="")  # signs of non-performance
    form = CharField(max_length=30, default=rules.FORM_TEAM)
    # who presides when no team is set up (the assigned Deputy, or the Director).
    presider = ForeignKeyField(User, null=True, on_delete="SET NULL")
    state = CharField(max_length=30, default=rules.DRAFT, index=True)
    legal_grounds = TextField(default="")  # R-13a, one per line
    content_items = CharField(max_length=255, default="")  # R-13c, keys of CONTENT_ITEMS
    content_note = TextField(default="")
    start_on = DateField(null=True)  # R-13d
    end_on = DateField(null=True)  # R-13d: the limit the decision set; never overwritten by the actual end
    ended_on = DateField(null=True)  # the actual end (R-16.2 counts from it)
    extended_to = DateField(null=True)  # R-13d: the limit as extended by an extension decision
    extension_doc = ForeignKeyField(
        OutgoingDocument, null=True, on_delete="RESTRICT", column_name="extension_doc_id", backref="+"
    )
    working_days = IntegerField(default=0)
    report_due_on = DateField(null=True, index=True)  # computed with the calendar
    scope_frozen_at = DateTimeField(null=True)
    decision_doc = ForeignKeyField(OutgoingDocument, null=True, on_delete="RESTRICT", column_name="decision_doc_id")
    report_doc = ForeignKeyField(OutgoingDocument, null=True, on_delete="RESTRICT", column_name="report_doc_id")
    notice_doc = ForeignKeyField(OutgoingDocument, null=True, on_delete="RESTRICT", column_name="notice_doc_id")
    reported_on = DateField(null=True)
    notified_on = DateField(null=True)
    # Report (BC) and notice (TB) texts, prefilled then edited by the team.
    overview = TextField(default="")
    strengths = TextField(default="")
    weaknesses = TextField(default="")
    causes = TextField(default="")
    conclusion = TextField(default="")
    report_back_by = DateField(null=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=_now)
    version = IntegerField(default=1)

    def __str__(self):
        return self.title

    @property
    def state_label(self):
        return rules.STATE_LABELS.get(self.state, self.state)

    @property
    def content_keys(self):
        return [k for k in self.content_items.split(",") if k in rules.CONTENT_ITEMS]

    @property
    def legal_ground_list(self):
        return _lines(self.legal_grounds)

    @property
    def is_frozen(self):
        return self.scope_frozen_at is not None

    @property
    def ground_label(self):
        return rules.GROUND_LABELS.get(self.ground, self.ground)

    @property
    def form_label(self):
        return rules.FORM_LABELS.get(self.form, self.form)

    @property
    def has_team(self):
        return rules.has_team(self.form)

    @property
    def steps(self):
        return rules.form_steps(self.form)


class CaseUnit(BaseModel):
    case = ForeignKeyField(InspectionCase, backref="unit_links", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, on_delete="RESTRICT")

    class Meta:
        indexes = ((("case", "unit"), True), (("unit", "case"), False))


class CaseTask(BaseModel):
    """A register task in the case's scope; the snapshot is frozen when the decision is issued."""

    case = ForeignKeyField(InspectionCase, backref="scope", on_delete="CASCADE")
    task = ForeignKeyField(Task, on_delete="RESTRICT")
    number_symbol = CharField(max_length=100, default="")
    summary = TextField(default="")
    lead_unit_name = CharField(max_length=255, default="")
    deadline = DateField(null=True)
    status_code = CharField(max_length=30, default="")
    sort_order = IntegerField(default=0)
    outside_reason = TextField(default="")  # why a task of a unit not inspected is in scope (R-13.2b)

    class Meta:
        indexes = ((("case", "task"), True), (("task", "case"), False))


class TeamMember(BaseModel):
    """A member of the team: a user, or an invited outsider with his agency (R-14.2)."""

    case = ForeignKeyField(InspectionCase, backref="team", on_delete="CASCADE")
    user = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    name = CharField(max_length=255)
    title = CharField(max_length=255, default="")
    agency = CharField(max_length=255, default="")
    gender = CharField(max_length=3, default="Ông")
    role = CharField(max_length=20, default=rules.MEMBER)
    sort_order = IntegerField(default=0)
    # invited by the leader during the inspection, with the inviting letter.
    invited_on = DateField(null=True)
    invited_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    invitation_purpose = TextField(default="")
    invitation_doc = ForeignKeyField(OutgoingDocument, null=True, on_delete="RESTRICT")

    class Meta:
        indexes = ((("user", "case"), False),)

    @property
    def role_label(self):
        return rules.ROLE_LABELS.get(self.role, self.role)

    @property
    def is_outsider(self):
        return self.user_id is None


class ConflictWaiver(BaseModel):
    """The Director's acceptance, with its reason, of a person of an inspected unit in the team."""

    case = ForeignKeyField(InspectionCase, backref="waivers", on_delete="CASCADE")
    user = ForeignKeyField(User, on_delete="RESTRICT")
    reason = TextField()
    accepted_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    accepted_at = DateTimeField(default=_now)

    class Meta:
        indexes = ((("case", "user"), True),)


class CaseTransition(BaseModel):
    case = ForeignKeyField(InspectionCase, backref="transitions", on_delete="CASCADE")
    from_state = CharField(max_length=30)
    to_state = CharField(max_length=30)
    user = ForeignKeyField(User, null=True, on_delete="SET NULL")
    at = DateTimeField(default=_now)
    note = TextField(default="")

    @property
    def from_label(self):
        return rules.STATE_LABELS.get(self.from_state, self.from_state)

    @property
    def to_label(self):
        return rules.STATE_LABELS.get(self.to_state, self.to_state)


class InformationRequest(BaseModel):
    """A letter asking inspected units for reports and papers by a date (R-14.3, R-16.1)."""

    case = ForeignKeyField(InspectionCase, backref="requests", on_delete="CASCADE")
    subject = CharField(max_length=500)
    content = TextField(default="")
    due_on = DateField()
    doc = ForeignKeyField(OutgoingDocument, null=True, on_delete="RESTRICT")
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=_now)


class RequestUnit(BaseModel):
    request = ForeignKeyField(InformationRequest, backref="unit_links", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, on_delete="RESTRICT")

    class Meta:
        indexes = ((("request", "unit"), True), (("unit", "request"), False))


class UnitAnswer(BaseModel):
    """A paper uploaded by the inspected unit itself in answer to a request."""

    request = ForeignKeyField(InformationRequest, backref="answers", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, on_delete="RESTRICT")
    file = ForeignKeyField(StoredFile, on_delete="RESTRICT")
    note = TextField(default="")
    uploaded_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    uploaded_at = DateTimeField(default=_now)


class Minutes(BaseModel):
    """Minutes (BB) of a working session with an inspected unit."""

    case = ForeignKeyField(InspectionCase, backref="minutes", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, on_delete="RESTRICT")
    held_at = DateTimeField()
    ended_at = DateTimeField(null=True)
    place = CharField(max_length=255)
    team_participants = TextField(default="")
    unit_participants = TextField(default="")
    content = TextField(default="")
    results = TextField(default="")
    unit_opinions = TextField(default="")
    doc = ForeignKeyField(OutgoingDocument, null=True, on_delete="RESTRICT")
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=_now)


class WorkingNote(BaseModel):
    case = ForeignKeyField(InspectionCase, backref="notes", on_delete="CASCADE")
    author = ForeignKeyField(User, null=True, on_delete="SET NULL")
    text = TextField()
    file = ForeignKeyField(StoredFile, null=True, on_delete="RESTRICT")
    created_at = DateTimeField(default=_now)


class Finding(BaseModel):
    """The team's finding on one task in scope (R-16.3b)."""

    case = ForeignKeyField(InspectionCase, backref="findings", on_delete="CASCADE")
    case_task = ForeignKeyField(CaseTask, backref="findings", on_delete="CASCADE", unique=True)
    result = CharField(max_length=20, default="")
    nature = TextField(default="")
    degree = TextField(default="")
    cause = TextField(default="")
    responsibility = TextField(default="")
    note = TextField(default="")
    registration_late = BooleanField(default=False)  # R-6.1b, prefilled
    result_entry_late = BooleanField(default=False)  # R-6.3b, prefilled
    updated_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    updated_at = DateTimeField(default=_now)

    @property
    def result_label(self):
        return rules.RESULT_LABELS.get(self.result, "Chưa đánh giá")


FIGURE_LABELS = {
    "tong": "Tổng số nhiệm vụ",
    **rules.RESULT_LABELS,
    "dang_ky_tre": "Phân loại, đăng ký chậm (điểm b khoản 1 Điều 6)",
    "cap_nhat_tre": "Cập nhật kết quả chậm (điểm b khoản 3 Điều 6)",
}


class UnitEvaluation(BaseModel):
    """The R-16.3a evaluation of one inspected unit, with the figures beside it."""

    case = ForeignKeyField(InspectionCase, backref="evaluations", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, on_delete="RESTRICT")
    organisation = TextField(default="")
    results = TextField(default="")
    updating = TextField(default="")
    reporting = TextField(default="")
    figures = TextField(default="{}")  # JSON of the counts shown beside the text

    class Meta:
        indexes = ((("case", "unit"), True),)

    @property
    def figure_items(self):
        """[(label, count)] of the figures stored beside the evaluation."""
        data = json.loads(self.figures or "{}")
        return [(label, data[k]) for k, label in FIGURE_LABELS.items() if k in data]


class Recommendation(BaseModel):
    """A recommendation (R-16.3c); becomes a register task when the notice is issued."""

    case = ForeignKeyField(InspectionCase, backref="recommendations", on_delete="CASCADE")
    kind = CharField(max_length=30, default=rules.REC_URGE)
    content = TextField()
    unit = ForeignKeyField(Unit, on_delete="RESTRICT")
    deadline = DateField()
    task = ForeignKeyField(Task, null=True, on_delete="SET NULL")
    sort_order = IntegerField(default=0)

    class Meta:
        indexes = ((("unit", "case"), False),)

    @property
    def kind_label(self):
        return rules.REC_LABELS.get(self.kind, self.kind)


ALL_MODELS = [
    InspectionPlan,
    PlanItem,
    InspectionCase,
    CaseUnit,
    CaseTask,
    TeamMember,
    ConflictWaiver,
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
