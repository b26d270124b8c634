"""The dossier of an inspection case (R-17), its items, assembly jobs."""

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from inspection import clock
from inspection.accounts.models import User
from inspection.cases.models import InspectionCase
from inspection.db import BaseModel
from inspection.dossier import rules
from inspection.uploads import StoredFile

OPEN, CLOSED = "open", "closed"
# --- e2-transfer (issue 17): after closing, a dossier may be transferred or destroyed ---
TRANSFERRED, DESTROYED = "nop_luu", "da_huy"
# --- end e2-transfer ---
STATE_LABELS = {
    OPEN: "Đang lập hồ sơ",
    CLOSED: "Đã đóng hồ sơ",
    TRANSFERRED: "Đã nộp lưu vào Lưu trữ lịch sử",  # e2-transfer
    DESTROYED: "Đã hủy (hết giá trị)",  # e2-transfer
}
SOURCE_LABELS = {
    "generated": "Văn bản do hệ thống ban hành",
    "register": "Từ sổ theo dõi",
    "answer": "Đơn vị được kiểm tra nộp",
    "upload": "Tải lên",
}


def _now():
    return clock.now()


class RetentionLine(BaseModel):
    """One line of the retention schedule (bảng thời hạn bảo quản) the administrator keeps.

    Luật Lưu trữ 2024 and Thông tư 10/2022/TT-BNV: each kind of dossier has a period,
    counted from the year the work ended, or is kept permanently (years NULL); every line
    names its legal reference (docs/archive.md).
    """

    code = CharField(max_length=30, unique=True)
    title = CharField(max_length=300)  # the kind of dossier the line covers
    case_ground = CharField(max_length=30, null=True)  # the case kind it is the default for
    years = IntegerField(null=True)  # None: permanent (Vĩnh viễn)
    legal_reference = CharField(max_length=300)
    active = BooleanField(default=True)
    note = TextField(default="")

    @property
    def period_label(self):
        return rules.period_label(self.years)


class Dossier(BaseModel):
    """The dossier of one inspection case (hồ sơ kiểm tra), or a past paper dossier digitised
    into the archive (case NULL, digitised True)."""

    case = ForeignKeyField(InspectionCase, unique=True, null=True, backref="dossiers", on_delete="RESTRICT")
    code = CharField(max_length=100, unique=True)  # hồ sơ số / ký hiệu
    title = CharField(max_length=500)
    year = IntegerField(index=True)
    retention = CharField(max_length=30, default="20 năm")
    state = CharField(max_length=10, default=OPEN, index=True)
    start_on = DateField(null=True)
    end_on = DateField(null=True)
    units_text = TextField(default="")  # inspected units, for search/bag-info
    title_folded = TextField(default="")  # fold(title + code) for search
    closed_at = DateTimeField(null=True)
    closed_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    archived_at = DateTimeField(null=True, index=True)
    package_name = CharField(max_length=120, null=True)
    page_count = IntegerField(default=0)
    created_at = DateTimeField(default=_now)
    # issue 17: the schedule line the retention comes from; paper dossiers and where they stand
    retention_line = ForeignKeyField(RetentionLine, null=True, backref="dossiers", on_delete="RESTRICT")
    digitised = BooleanField(default=False, index=True)
    sheets = IntegerField(null=True)  # số tờ of the paper dossier
    location_shelf = CharField(max_length=60, default="")
    location_box = CharField(max_length=60, default="")
    # --- e2-transfer (issue 17, migration 0026): where the dossier went, when it was destroyed ---
    transferred_at = DateTimeField(null=True)
    transferred_to = CharField(max_length=255, default="")
    destroyed_at = DateTimeField(null=True)
    # --- end e2-transfer ---

    @property
    def is_closed(self):
        """Closed, transferred or destroyed: nothing may change any more (R-17)."""
        return self.state != OPEN

    @property
    def state_label(self):
        return STATE_LABELS.get(self.state, self.state)


class DossierItem(BaseModel):
    """One document of the dossier, filed under an R-17 component."""

    dossier = ForeignKeyField(Dossier, backref="items", on_delete="CASCADE")
    component = IntegerField()
    position = IntegerField(default=0)
    source = CharField(max_length=10, default="upload")
    source_ref = CharField(max_length=60, null=True)  # e.g. 'outgoing:12', 'answer:3'
    file = ForeignKeyField(StoredFile, null=True, backref="+", on_delete="RESTRICT")
    sha256 = CharField(max_length=64, default="")
    number_symbol = CharField(max_length=100, default="")
    doc_date = DateField(null=True)
    type_and_abstract = TextField()
    author = CharField(max_length=255, default="")
    pages = IntegerField(null=True)  # số trang (or tờ) declared
    note = CharField(max_length=255, default="")
    removed = BooleanField(default=False, index=True)
    removed_reason = CharField(max_length=255, default="")
    removed_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    removed_at = DateTimeField(null=True)
    added_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    added_at = DateTimeField(default=_now)

    class Meta:
        indexes = (
            (("dossier", "component", "position"), False),
            (("dossier", "source_ref"), True),
            (("dossier", "sha256"), False),
        )

    @property
    def component_name(self):
        return rules.component_name(self.component)

    @property
    def source_label(self):
        return SOURCE_LABELS.get(self.source, self.source)


QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
JOB_LABELS = {QUEUED: "Đang chờ", RUNNING: "Đang ghép", DONE: "Đã xong", FAILED: "Lỗi"}


class AssemblyJob(BaseModel):
    """A background assembly of the dossier PDF and ZIP (huey task)."""

    dossier = ForeignKeyField(Dossier, backref="jobs", on_delete="CASCADE")
    state = CharField(max_length=10, default=QUEUED, index=True)
    progress = IntegerField(default=0)
    total = IntegerField(default=0)
    message = TextField(default="")
    pdf = ForeignKeyField(StoredFile, null=True, backref="+", on_delete="SET NULL")
    zip = ForeignKeyField(StoredFile, null=True, backref="+", on_delete="SET NULL")
    page_count = IntegerField(default=0)
    toc = TextField(default="")  # JSON: item id -> [first, last]
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    created_at = DateTimeField(default=_now)
    finished_at = DateTimeField(null=True)

    @property
    def percent(self):
        return int(100 * self.progress / self.total) if self.total else 0

    @property
    def state_label(self):
        return JOB_LABELS.get(self.state, self.state)


ALL_MODELS = [RetentionLine, Dossier, DossierItem, AssemblyJob]
