"""Request and response schemas of the API (pydantic): they validate the requests and
generate the OpenAPI 3.1 description (JSON Schema 2020-12, the dialect OpenAPI 3.1 uses).

Dates are ISO 8601 (`YYYY-MM-DD`); an impossible date (2026-02-30) is refused with a field error.
"""

import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

MAX_PAGE_SIZE = 100
# Every date the API accepts: far-off years make no sense for the register and would reach the
# calendar's edges (9999-12-31 + 1 day overflows).
Day = Annotated[datetime.date, Field(ge=datetime.date(1990, 1, 1), le=datetime.date(2100, 12, 31))]
Id = Field(ge=1, le=2_147_483_647)


class Strict(BaseModel):
    """Unknown fields are refused (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid")


class Problem(BaseModel):
    """RFC 9457 problem details, with a machine code and errors per field."""

    type: str = "about:blank"
    title: str
    status: int
    code: str
    detail: str
    errors: list["FieldError"] = []


class FieldError(BaseModel):
    field: str
    message: str


# --- reference data ------------------------------------------------------------------------


class UnitOut(BaseModel):
    id: int
    name: str
    abbreviation: str
    kind: str
    parent_id: int | None
    active: bool


class UnitList(BaseModel):
    items: list[UnitOut]


class WorkdaysQuery(Strict):
    from_: Day = Field(alias="from", description="Ngày bắt đầu (YYYY-MM-DD).")
    n: int = Field(ge=-1000, le=1000, description="Số ngày làm việc cộng thêm (âm: lùi lại).")


class WorkdaysOut(BaseModel):
    model_config = ConfigDict(serialize_by_alias=True)

    start: datetime.date = Field(alias="from")
    n: int
    result: datetime.date


# --- the register --------------------------------------------------------------------------


StatusCode = Literal[
    "dang_trong_han",
    "dang_qua_han",
    "xong_dung_han",
    "xong_qua_han",
    "xong_khong_ro_ngay",
    "chua_trong_han",
    "chua_qua_han",
    "khong_thoi_han",
    "da_tra_lai",
]
Sort = Literal["deadline", "-deadline", "received", "-received", "number", "unit", "-created"]


class TaskQuery(Strict):
    """The register's filters (the same as the task list's), and the page."""

    q: str = Field("", max_length=200)
    status: StatusCode | None = None
    unit: int | None = Field(None, ge=1, le=2_147_483_647)
    issuer: str = Field("", max_length=30)
    doc_type: str = Field("", max_length=30)
    received_from: Day | None = None
    received_to: Day | None = None
    deadline_from: Day | None = None
    deadline_to: Day | None = None
    key: bool = False
    overdue: bool = False
    due_soon: bool = False
    late_reg: bool = False
    mine: bool = False
    secret: bool = Field(False, description="Sổ mật (R-5.2): chỉ người được phép xem sổ mật.")
    sort: Sort = "deadline"
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class UnitRef(BaseModel):
    id: int
    name: str


class TaskOut(BaseModel):
    id: int
    document_id: int
    number_symbol: str
    summary: str
    kind: str
    lead_unit: UnitRef
    other_units: list[UnitRef]
    deadline: datetime.date | None
    original_deadline: datetime.date | None
    recurrence: str
    is_key: bool
    registered_on: datetime.date | None
    registration_due_on: datetime.date | None
    status: StatusCode
    status_label: str
    overdue: bool
    due_soon: bool
    registration_late: bool
    is_completed: bool
    completed_on: datetime.date | None
    result_text: str
    result_doc_number: str
    result_doc_date: datetime.date | None
    returned_on: datetime.date | None
    return_reason: str
    is_secret: bool
    version: int
    updated_at: AwareDatetime | None


class TaskPage(BaseModel):
    items: list[TaskOut]
    page: int
    per_page: int
    total: int
    pages: int


class DocumentOut(BaseModel):
    id: int
    number_symbol: str
    doc_type: str
    issuer_kind: str
    issuer_name: str
    signer: str
    issued_on: datetime.date | None
    received_on: datetime.date | None
    channel: str
    abstract: str
    secret_level: str
    is_complex: bool
    has_scan: bool
    version: int
    tasks: list[TaskOut]


class DocumentQuery(Strict):
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(50, ge=1, le=MAX_PAGE_SIZE)
    received_from: Day | None = None
    received_to: Day | None = None


class DocumentSummary(BaseModel):
    id: int
    number_symbol: str
    doc_type: str
    issuer_kind: str
    issuer_name: str
    issued_on: datetime.date | None
    received_on: datetime.date | None
    abstract: str
    version: int


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    page: int
    per_page: int
    total: int
    pages: int


# --- writing the register ------------------------------------------------------------------

from inspection.register.models import CHANNELS, DOC_TYPES, ISSUER_KINDS, SECRET_LEVELS, TASK_KINDS  # noqa: E402

TaskKind = Literal[tuple(TASK_KINDS)]
Recurrence = Literal["", "monthly", "quarterly", "half_yearly", "yearly"]
UnitId = Field(ge=1, le=2_147_483_647)


class TaskIn(Strict):
    """A task of a document being registered (R-5.1b-đ)."""

    summary: str = Field("", max_length=5000)
    kind: TaskKind = "other"
    lead_unit_id: int = UnitId
    other_unit_ids: list[int] = Field([], max_length=50)
    joint: bool = False
    monitor_unit_id: int | None = Field(None, ge=1, le=2_147_483_647)
    monitor_officer_name: str = Field("", max_length=255)
    deadline: Day | None = None
    recurrence: Recurrence = ""
    recurrence_day: int | None = Field(None, ge=1, le=31)
    is_key: bool = False


class DocumentIn(Strict):
    """An incoming directive document from the document-management system, with its tasks."""

    number_symbol: str = Field(min_length=1, max_length=100)
    doc_type: Literal[tuple(DOC_TYPES)] = "cong_van"
    issuer_kind: Literal[tuple(ISSUER_KINDS)]
    issuer_name: str = Field("", max_length=255)
    signer: str = Field("", max_length=255)
    issued_on: Day | None = None
    received_on: Day
    channel: Literal[tuple(CHANNELS)] = "eoffice"
    abstract: str = Field("", max_length=10000)
    secret_level: Literal[tuple(SECRET_LEVELS)] = ""
    is_complex: bool = False
    tasks: list[TaskIn] = Field(min_length=1, max_length=200)
    scan_filename: str = Field("van-ban.pdf", max_length=255)
    scan_base64: str | None = Field(None, description="Tệp PDF của văn bản, mã hóa base64 (tối đa 20 MB).")


class TaskUpdate(Strict):
    """Fields of a task to change; `version` is the one read (optimistic locking)."""

    version: int = Field(ge=1, le=2_147_483_647)
    summary: str | None = Field(None, max_length=5000)
    kind: TaskKind | None = None
    lead_unit_id: int | None = Field(None, ge=1, le=2_147_483_647)
    other_unit_ids: list[int] | None = Field(None, max_length=50)
    joint: bool | None = None
    monitor_unit_id: int | None = Field(None, ge=1, le=2_147_483_647)
    monitor_officer_name: str | None = Field(None, max_length=255)
    deadline: Day | None = None
    recurrence: Recurrence | None = None
    recurrence_day: int | None = Field(None, ge=1, le=31)
    is_key: bool | None = None


# --- the Province's export -----------------------------------------------------------------


class ExportQuery(Strict):
    """A period of receipt (at most 366 days) and the date the status is computed on."""

    start: Day = Field(alias="from")
    end: Day = Field(alias="to")
    as_of: Day | None = Field(None, description="Ngày tính trạng thái; mặc định hôm nay.")


class ExportRow(BaseModel):
    task_id: int
    number_symbol: str
    issuer: str
    issued_on: datetime.date | None
    received_on: datetime.date | None
    abstract: str
    summary: str
    lead_unit: str
    other_units: list[str]
    monitor_officer: str
    deadline: datetime.date | None
    status: StatusCode
    status_label: str
    completed_on: datetime.date | None
    result_doc_number: str
    result_doc_date: datetime.date | None


class ExportOut(BaseModel):
    model_config = ConfigDict(serialize_by_alias=True)

    start: datetime.date = Field(alias="from")
    end: datetime.date = Field(alias="to")
    as_of: datetime.date
    items: list[ExportRow]


# --- dashboard figures (R-8) ---------------------------------------------------------------


class FiguresQuery(Strict):
    as_of: Day | None = Field(None, description="Số liệu tính đến ngày; mặc định hôm nay.")
    unit: int | None = Field(None, ge=1, le=2_147_483_647, description="Chỉ các nhiệm vụ đơn vị này chủ trì.")


class FiguresOut(BaseModel):
    hoan_thanh_dung_han: int
    hoan_thanh_qua_han: int
    dang_thuc_hien_trong_han: int
    dang_thuc_hien_qua_han: int
    due_soon: int
    no_deadline: int
    late_registration: int
    late_result: int
    total: int
    completion_pct: float | None
    overdue_pct: float | None


class UnitFigures(BaseModel):
    unit: UnitRef
    figures: FiguresOut


class DashboardOut(BaseModel):
    as_of: datetime.date
    unit_id: int | None
    figures: FiguresOut
    by_lead_unit: list[UnitFigures]


# --- inspections and issued documents (read) -------------------------------------------------


class CaseSummary(BaseModel):
    id: int
    title: str
    state: str
    state_label: str
    form: str
    start_on: datetime.date | None
    end_on: datetime.date | None
    access: Literal["full", "unit"]


class CaseList(BaseModel):
    items: list[CaseSummary]


class TeamMemberOut(BaseModel):
    name: str
    title: str
    agency: str
    role: str


class ScopeTaskOut(BaseModel):
    task_id: int
    number_symbol: str
    summary: str
    lead_unit: str
    deadline: datetime.date | None
    status: str


class Findings(BaseModel):
    overview: str
    strengths: str
    weaknesses: str
    causes: str
    conclusion: str


class CaseOut(CaseSummary):
    units: list[UnitRef]
    team: list[TeamMemberOut] | None
    scope: list[ScopeTaskOut] | None
    findings: Findings | None
    report_due_on: datetime.date | None
    documents: dict[str, int | None]


class IssuedDocumentOut(BaseModel):
    id: int
    kind: str
    state: str
    state_label: str
    number: str
    abstract: str
    issued_on: datetime.date | None
    signer_name: str
    signer_title: str
    has_docx: bool
    has_pdf: bool


# --- progress and return (R-6.2, R-6.3a) ---------------------------------------------------


class ProgressIn(Strict):
    """A dated progress update; the Office may say for which unit (lead or cooperating)."""

    on_date: Day
    text: str = Field(min_length=1, max_length=10000)
    unit_id: int | None = Field(None, ge=1, le=2_147_483_647)
    attachment_filename: str = Field("tai-lieu.pdf", max_length=255)
    attachment_base64: str | None = Field(None, description="Tệp PDF kèm theo, mã hóa base64 (tối đa 20 MB).")


class SignatureCheckOut(BaseModel):
    """The check of an attached PDF's digital signatures (issue 16): `valid`, `invalid` or `unsigned`."""

    state: str
    text: str
    level: str = ""


class ProgressOut(BaseModel):
    id: int
    task_id: int
    unit: UnitRef | None
    on_date: datetime.date
    text: str
    has_attachment: bool
    attachment_signature: SignatureCheckOut | None = None  # issue 16: the verdict, as beside the file


class ReturnIn(Strict):
    reason: str = Field(min_length=1, max_length=5000)


class ResultIn(Strict):
    """The result of a task (R-5.1e, R-6.3b); `version` is the one read (optimistic locking)."""

    version: int = Field(ge=1, le=2_147_483_647)
    completed_on: Day
    result_text: str = Field("", max_length=10000)
    result_doc_number: str = Field("", max_length=100)
    result_doc_date: Day | None = None
    result_file_filename: str = Field("ket-qua.pdf", max_length=255)
    result_file_base64: str | None = Field(
        None, description="Tệp PDF của văn bản kết quả, mã hóa base64 (tối đa 20 MB), như tệp kèm cập nhật."
    )


# --- g6-api: the list of issued documents (issue 15) -----------------------------------------

from inspection.documents.kinds import NAMES as DOCUMENT_KINDS  # noqa: E402


class IssuedDocumentQuery(Strict):
    """Filters of the issued documents (numbered, frozen), newest first, and the page."""

    year: int | None = Field(None, ge=2000, le=2100, description="Năm của số văn bản (sổ văn bản đi).")
    kind: Literal[DOCUMENT_KINDS] | None = Field(None, description="Loại văn bản của hệ thống.")
    since: Day | None = Field(None, description="Ban hành từ ngày này trở đi (YYYY-MM-DD).")
    secret: bool = Field(False, description="Sổ văn bản đi mật (R-5.2): chỉ người có quyền xem văn bản mật.")
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class IssuedDocumentLinks(BaseModel):
    docx: str | None
    pdf: str | None


class IssuedDocumentItem(BaseModel):
    id: int
    number: str
    issued_on: datetime.date | None
    kind: str
    kind_label: str
    abstract: str
    signer_name: str
    signer_title: str
    links: IssuedDocumentLinks


class IssuedDocumentPage(BaseModel):
    items: list[IssuedDocumentItem]
    page: int
    per_page: int
    total: int
    pages: int
