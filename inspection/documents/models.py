"""Outgoing documents (sổ đăng ký văn bản đi), their number sequences and template versions."""

import json

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from inspection import clock
from inspection.accounts.models import User
from inspection.db import BaseModel
from inspection.uploads import StoredFile

DRAFT, SUBMITTED, ISSUING, ISSUED = "draft", "submitted", "issuing", "issued"
STATE_LABELS = {DRAFT: "Dự thảo", SUBMITTED: "Chờ ký", ISSUING: "Đang ban hành", ISSUED: "Đã ban hành"}
# The outcome of one round of submission for signature (trình ký).
RETURNED, SIGNED = "returned", "signed"
OUTCOME_LABELS = {"": "Đang chờ ký", RETURNED: "Trả lại để sửa", SIGNED: "Đã ký ban hành"}


class TemplateVersion(BaseModel):
    """A .docx template the Office uploaded for a kind; version 0 is the shipped file."""

    kind = CharField(max_length=40)
    version = IntegerField()
    file = ForeignKeyField(StoredFile, on_delete="RESTRICT")
    uploaded_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    at = DateTimeField(default=clock.now)
    active = BooleanField(default=False)
    note = CharField(max_length=255, default="")

    class Meta:
        indexes = ((("kind", "version"), True),)


class NumberSequence(BaseModel):
    """The last number given in one sequence, e.g. '2026:shared', '2026:QĐ', '2026:secret'."""

    key = CharField(max_length=40, unique=True)
    last = IntegerField(default=0)


class OutgoingDocument(BaseModel):
    kind = CharField(max_length=40, index=True)
    state = CharField(max_length=10, default=DRAFT, index=True)
    secret = BooleanField(default=False)
    year = IntegerField(null=True)
    number = IntegerField(null=True)
    symbol = CharField(max_length=60)
    abstract = TextField(default="")
    context = TextField()
    drafting_unit_abbr = CharField(max_length=20, default="VP")
    signer_name = CharField(max_length=120, default="")
    signer_title = CharField(max_length=120, default="")
    recipients = TextField(default="")
    copies = IntegerField(default=1)
    note = TextField(default="")
    subject_type = CharField(max_length=40, null=True)
    subject_id = IntegerField(null=True)
    issued_on = DateField(null=True, index=True)
    docx_file = ForeignKeyField(StoredFile, null=True, on_delete="RESTRICT", backref="+")
    pdf_file = ForeignKeyField(StoredFile, null=True, on_delete="RESTRICT", backref="+")
    template_version = ForeignKeyField(TemplateVersion, null=True, on_delete="SET NULL")
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=clock.now)
    issued_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    issued_at = DateTimeField(null=True)
    # Submission for signature (issue 14): the signer block chosen ("director", "deputy", …),
    # who waits to sign it, and the drafter's initials printed in "Lưu: VT, VP, NVA (02b)."
    signer_key = CharField(max_length=20, default="")
    submitted_to = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    submitted_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    submitted_at = DateTimeField(null=True)
    drafter_initials = CharField(max_length=20, default="")

    class Meta:
        # Decree 30: number + symbol unique in the year; secret documents have their own register.
        indexes = (
            (("year", "secret", "number", "symbol"), True),
            (("subject_type", "subject_id"), False),
            (("secret", "state", "year", "number"), False),
            (("submitted_to", "state"), False),  # the signer's queue
        )

    @property
    def ctx(self):
        return json.loads(self.context)

    @property
    def number_text(self):
        """'05/QĐ-SNN' once numbered, else '/QĐ-SNN'."""
        return ("%02d" % self.number if self.number else "") + "/" + self.symbol

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


class SignatureRound(BaseModel):
    """One submission of a draft for signature and its outcome; every round stays (issue 14)."""

    document = ForeignKeyField(OutgoingDocument, backref="rounds", on_delete="CASCADE")
    round_no = IntegerField()
    submitted_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    submitted_at = DateTimeField(default=clock.now)
    submitted_to = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    decided_at = DateTimeField(null=True)
    outcome = CharField(max_length=10, default="")
    remarks = TextField(default="")

    class Meta:
        indexes = ((("document", "round_no"), True),)

    @property
    def outcome_label(self):
        return OUTCOME_LABELS.get(self.outcome, self.outcome)
