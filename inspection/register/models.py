"""Directive documents and the tasks they assign (Chương II, R-3.2, R-5.1).

Derived columns (DirectiveDocument.number_key/issuer_key/issued_year, Task.search_text,
Task.is_secret) are filled by `save()`. Code that bulk-inserts (insert_many) must fill
them itself with `document_keys()` and `task_search_text()`.
"""

from peewee import SQL, BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from inspection import clock
from inspection.accounts.models import Unit, User
from inspection.db import BaseModel
from inspection.text import fold
from inspection.uploads import StoredFile

DOC_TYPES = {
    "quyet_dinh": "Quyết định",
    "chi_thi": "Chỉ thị",
    "cong_van": "Công văn",
    "cong_dien": "Công điện",
    "thong_bao_ket_luan": "Thông báo kết luận",
    "ke_hoach": "Kế hoạch",
    "khac": "Văn bản khác",
}
ISSUER_KINDS = {
    "ubnd_tinh": "UBND tỉnh",
    "chu_tich": "Chủ tịch UBND tỉnh",
    "pho_chu_tich": "Phó Chủ tịch UBND tỉnh",
    "vp_ubnd_tinh": "Văn phòng UBND tỉnh (TL.)",
    "giam_doc": "Giám đốc Sở",
    "pho_giam_doc": "Phó Giám đốc Sở",
    "khac": "Cơ quan khác",
}
CHANNELS = {"eoffice": "eOffice", "email": "Thư điện tử công vụ", "giay": "Văn bản giấy"}
SECRET_LEVELS = {"": "Thường", "mat": "Mật", "toi_mat": "Tối mật", "tuyet_mat": "Tuyệt mật"}
TASK_KINDS = {"document": "Xây dựng, trình văn bản", "report": "Báo cáo", "other": "Nhiệm vụ khác"}
UNIT_ROLES = {"cooperate": "Phối hợp", "joint": "Cùng thực hiện"}
RECURRENCES = ("", "monthly", "quarterly", "half_yearly", "yearly")


def _now():
    return clock.now()


def document_keys(number_symbol, issuer_kind, issuer_name, issued_on):
    """Return the derived uniqueness keys of a document (number, issuer, year)."""
    number_key = fold(number_symbol).replace(" ", "")
    return {
        "number_key": number_key,
        "issuer_key": fold(issuer_name) if issuer_kind in ("khac", "pho_chu_tich", "pho_giam_doc") else "",
        "issued_year": issued_on.year if issued_on else 0,
    }


def task_search_text(number_symbol, abstract, summary):
    """Folded text searched by the register's diacritic-free search."""
    return " ".join(fold(x) for x in (number_symbol, abstract, summary) if x)


class DirectiveDocument(BaseModel):
    number_symbol = CharField(max_length=100)
    doc_type = CharField(max_length=30, default="cong_van", index=True)
    issuer_kind = CharField(max_length=30, index=True)
    issuer_name = CharField(max_length=255, default="")
    signer = CharField(max_length=255, default="")
    issued_on = DateField(null=True)
    received_on = DateField(null=True, index=True)
    channel = CharField(max_length=20, default="eoffice")
    abstract = TextField(default="")
    scan = ForeignKeyField(StoredFile, null=True, backref="+", on_delete="SET NULL")
    secret_level = CharField(max_length=20, default="", index=True)
    is_complex = BooleanField(default=False)
    number_key = CharField(max_length=100)
    issuer_key = CharField(max_length=255, default="")
    issued_year = IntegerField(default=0)
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    created_at = DateTimeField(default=_now)
    version = IntegerField(default=1)

    class Meta:
        # Unique per register (ordinary / secret): migration 0009_secret_numbering, R-5.2.
        indexes = ((("number_key", "issuer_kind", "issuer_key", "issued_year"), False),)

    def save(self, *args, **kwargs):
        for k, v in document_keys(self.number_symbol, self.issuer_kind, self.issuer_name, self.issued_on).items():
            setattr(self, k, v)
        return super().save(*args, **kwargs)

    def __str__(self):
        return self.number_symbol

    @property
    def is_secret(self):
        return bool(self.secret_level)

    @property
    def issuer_label(self):
        base = ISSUER_KINDS.get(self.issuer_kind, self.issuer_kind)
        return f"{base} {self.issuer_name}".strip() if self.issuer_name else base

    @property
    def doc_type_label(self):
        return DOC_TYPES.get(self.doc_type, self.doc_type)


# Unique per register: the same number may stand once among ordinary documents and
# once among secret ones (migration 0009 creates it; declared here so the schemas agree).
DirectiveDocument.add_index(
    DirectiveDocument.index(
        DirectiveDocument.number_key,
        DirectiveDocument.issuer_kind,
        DirectiveDocument.issuer_key,
        DirectiveDocument.issued_year,
        SQL("(secret_level <> '')"),
        unique=True,
        name="directive_document_number_per_register",
    )
)


class Task(BaseModel):
    document = ForeignKeyField(DirectiveDocument, backref="tasks", on_delete="CASCADE")
    summary = TextField()
    kind = CharField(max_length=20, default="other")
    lead_unit = ForeignKeyField(Unit, backref="led_tasks", on_delete="RESTRICT", index=True)
    monitor_unit = ForeignKeyField(Unit, null=True, backref="+", on_delete="SET NULL")
    monitor_officer = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    monitor_officer_name = CharField(max_length=255, default="")
    deadline = DateField(null=True, index=True)
    original_deadline = DateField(null=True)
    recurrence = CharField(max_length=20, default="")
    recurrence_day = IntegerField(null=True)
    is_key = BooleanField(default=False)
    registered_on = DateField(null=True)
    # R-6.1b limit computed with the calendar when registered (SQL can't count working days).
    registration_due_on = DateField(null=True)
    started_on = DateField(null=True)
    is_completed = BooleanField(default=False)
    completed_on = DateField(null=True)
    result_text = TextField(default="")
    result_doc_number = CharField(max_length=100, default="")
    result_doc_date = DateField(null=True)
    result_entered_on = DateField(null=True)
    returned_on = DateField(null=True)
    return_reason = TextField(default="")
    is_secret = BooleanField(default=False, index=True)
    search_text = TextField(default="")
    source_key = CharField(max_length=255, null=True, unique=True)
    version = IntegerField(default=1)
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)

    class Meta:
        indexes = (
            (("is_secret", "deadline"), False),
            (("is_secret", "lead_unit"), False),
            # Covering index: status counts and status filters read only this index (R-5.1e in SQL).
            (
                ("is_secret", "returned_on", "is_completed", "completed_on", "deadline", "started_on", "lead_unit"),
                False,
            ),
            (("is_secret", "is_key"), False),
            (("is_secret", "registered_on", "registration_due_on"), False),  # late registration (R-6.1b)
            # Covering index of the dashboards' figures as of any date (monitoring/figures.py, R-8).
            (
                (
                    "is_secret",
                    "lead_unit",
                    "document",  # R-6.3b binds the Province's tasks (migration 0018)
                    "registered_on",
                    "returned_on",
                    "is_completed",
                    "completed_on",
                    "deadline",
                    "result_entered_on",
                    "registration_due_on",
                ),
                False,
            ),
            # The same columns from the document's side: the figures per issuer (monitoring/figures.py).
            (
                (
                    "document",
                    "is_secret",
                    "registered_on",
                    "returned_on",
                    "is_completed",
                    "completed_on",
                    "deadline",
                    "result_entered_on",
                    "registration_due_on",
                ),
                False,
            ),
            # The diacritic-free search scans this index instead of the wide task rows.
            (("is_secret", "search_text"), False),
        )

    def __str__(self):
        return self.summary[:80]


class TaskUnit(BaseModel):
    task = ForeignKeyField(Task, backref="unit_links", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, backref="task_links", on_delete="RESTRICT")
    role = CharField(max_length=20, default="cooperate")

    class Meta:
        indexes = ((("task", "unit"), True), (("unit", "task"), False))


class TaskPeriod(BaseModel):
    """One period of a recurring task, with its own deadline and result."""

    task = ForeignKeyField(Task, backref="periods", on_delete="CASCADE")
    period_label = CharField(max_length=100)
    deadline = DateField()
    completed_on = DateField(null=True)
    result_text = TextField(default="")
    result_doc_number = CharField(max_length=100, default="")

    class Meta:
        indexes = ((("task", "deadline"), True),)


class DeadlineExtension(BaseModel):
    """A recorded decision that moved a deadline: deadlines never change silently."""

    task = ForeignKeyField(Task, backref="extensions", on_delete="CASCADE")
    old_deadline = DateField(null=True)
    new_deadline = DateField()
    granted_by = CharField(max_length=255)
    document_ref = CharField(max_length=255, default="")
    recorded_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    recorded_at = DateTimeField(default=_now)


class ProgressUpdate(BaseModel):
    """A dated update by the lead unit or a cooperating unit (R-6.3, R-7, R-10.2b)."""

    task = ForeignKeyField(Task, backref="updates", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, null=True, backref="+", on_delete="SET NULL")
    author = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    on_date = DateField()
    text = TextField()
    attachment = ForeignKeyField(StoredFile, null=True, backref="+", on_delete="SET NULL")
    flagged_inaccurate = BooleanField(default=False)
    flag_reason = TextField(default="")
    flagged_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    corrects = ForeignKeyField("self", null=True, backref="corrections", on_delete="SET NULL")
    created_at = DateTimeField(default=_now)

    class Meta:
        indexes = ((("task", "on_date"), False),)
