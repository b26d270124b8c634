"""Transfer to the historical archive (nộp lưu), disposal review (hủy tài liệu hết giá trị)
and legal holds (issue 17; Luật Lưu trữ số 33/2024/QH15, docs/archive.md).

A destruction record is kept forever: nothing here deletes one, and its dossier row stays too.
"""

from peewee import BigIntegerField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from inspection import clock
from inspection.accounts.models import Unit, User
from inspection.db import BaseModel
from inspection.disposition.rules import destruction_due
from inspection.dossier.models import Dossier
from inspection.uploads import StoredFile


def _now():
    return clock.now()


# Transfer batch states: draft -> listed (list and handover record issued) -> handed (signed).
T_DRAFT, T_LISTED, T_HANDED, T_CANCELLED = "draft", "listed", "handed", "cancelled"
TRANSFER_LABELS = {
    T_DRAFT: "Đang chọn hồ sơ",
    T_LISTED: "Đã lập mục lục và biên bản",
    T_HANDED: "Đã giao nhận",
    T_CANCELLED: "Đã hủy bỏ đợt nộp lưu",
}

# Disposal review states: draft -> decided (the council's decision recorded) -> destroyed.
D_DRAFT, D_DECIDED, D_DESTROYED, D_CANCELLED = "draft", "decided", "destroyed", "cancelled"
DISPOSAL_LABELS = {
    D_DRAFT: "Đang xét hủy",
    D_DECIDED: "Đã có quyết định hủy",
    D_DESTROYED: "Đã hủy",
    D_CANCELLED: "Đã hủy bỏ đợt xét",
}


def _file(**kw):
    return ForeignKeyField(StoredFile, null=True, backref="+", on_delete="RESTRICT", **kw)


def _user(**kw):
    return ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL", **kw)


class Transfer(BaseModel):
    """One batch of dossiers handed over to the historical archive (Điều 17 Luật Lưu trữ 2024)."""

    archive_name = CharField(max_length=255)  # the historical archive receiving the batch
    planned_on = DateField(null=True)
    state = CharField(max_length=10, default=T_DRAFT, index=True)
    note = TextField(default="")
    list_docx = _file()
    list_pdf = _file()
    handover_docx = _file()
    handover_pdf = _file()
    export_file = _file()  # the ZIP export package
    handed_over_on = DateField(null=True)
    recipient = CharField(max_length=255, default="")  # who signed for the receiving archive
    created_by = _user()
    created_at = DateTimeField(default=_now)
    cancelled_by = _user()
    cancelled_at = DateTimeField(null=True)
    cancel_reason = TextField(default="")

    @property
    def state_label(self):
        return TRANSFER_LABELS.get(self.state, self.state)


class TransferItem(BaseModel):
    """A dossier in a transfer batch."""

    transfer = ForeignKeyField(Transfer, backref="items", on_delete="CASCADE")
    dossier = ForeignKeyField(Dossier, backref="+", on_delete="RESTRICT")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("transfer", "dossier"), True), (("dossier", "transfer"), False))


class DisposalReview(BaseModel):
    """A review of dossiers past their retention, and the decision that ends it."""

    title = CharField(max_length=255)
    state = CharField(max_length=10, default=D_DRAFT, index=True)
    council = TextField(default="")  # members of the council, one a line
    decision_number = CharField(max_length=100, default="")
    decision_date = DateField(null=True)
    decision_signer = CharField(max_length=255, default="")
    decision_file = _file()  # the signed decision, PDF checked by content
    decided_by = _user()
    decided_at = DateTimeField(null=True)
    created_by = _user()
    created_at = DateTimeField(default=_now)
    cancelled_by = _user()
    cancelled_at = DateTimeField(null=True)
    cancel_reason = TextField(default="")

    @property
    def state_label(self):
        return DISPOSAL_LABELS.get(self.state, self.state)

    @property
    def destruction_due(self):
        """The last day of the destruction after the decision (LT-HUY-15), when decided."""
        return destruction_due(self.decision_date) if self.state == D_DECIDED else None

    @property
    def decision_ref(self):
        if not self.decision_number:
            return ""
        when = self.decision_date.strftime("%d/%m/%Y") if self.decision_date else ""
        return f"Quyết định số {self.decision_number} ngày {when}".strip()


class DisposalItem(BaseModel):
    """A dossier in a disposal review."""

    review = ForeignKeyField(DisposalReview, backref="items", on_delete="CASCADE")
    dossier = ForeignKeyField(Dossier, backref="+", on_delete="RESTRICT")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("review", "dossier"), True), (("dossier", "review"), False))


class DestructionRecord(BaseModel):
    """What was destroyed, by whose decision, when: kept forever (never deleted)."""

    dossier = ForeignKeyField(Dossier, unique=True, backref="+", on_delete="RESTRICT")
    review = ForeignKeyField(DisposalReview, backref="records", on_delete="RESTRICT")
    dossier_code = CharField(max_length=100)
    dossier_title = CharField(max_length=500)
    years = CharField(max_length=20)
    retention = CharField(max_length=30)
    decision_ref = CharField(max_length=255)
    destroyed_by = _user()
    destroyed_at = DateTimeField(default=_now)
    hashes = TextField(default="[]")  # JSON: [{"name", "sha256", "size"}] of what was destroyed
    files_count = IntegerField(default=0)
    bytes = BigIntegerField(default=0)
    record_docx = _file()  # Biên bản hủy tài liệu
    record_pdf = _file()


class LegalHold(BaseModel):
    """A hold that forbids destroying a dossier, or every dossier of a unit, until lifted."""

    dossier = ForeignKeyField(Dossier, null=True, backref="+", on_delete="RESTRICT")
    unit = ForeignKeyField(Unit, null=True, backref="+", on_delete="RESTRICT")
    reason = TextField()
    set_by = _user()
    set_at = DateTimeField(default=_now)
    lifted_by = _user()
    lifted_at = DateTimeField(null=True, index=True)
    lift_reason = TextField(default="")

    @property
    def active(self):
        return self.lifted_at is None


ALL_MODELS = [Transfer, TransferItem, DisposalReview, DisposalItem, DestructionRecord, LegalHold]
