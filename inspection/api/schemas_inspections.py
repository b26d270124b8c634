"""Schemas of inspection plans, case state changes, dossiers and periodic reports (issue 15)."""

import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, Field

from inspection.api.schemas import MAX_PAGE_SIZE, CaseOut, Day, Strict, UnitRef


class PageQuery(Strict):
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


# --- inspection plans (R-12.1, R-15.1a) ------------------------------------------------------


class PlanQuery(PageQuery):
    year: int | None = Field(None, ge=1990, le=2100)


class PlanSummary(BaseModel):
    id: int
    year: int
    title: str
    period_label: str
    state: str
    state_label: str
    plan_doc_id: int | None
    version: int


class PlanPage(BaseModel):
    items: list[PlanSummary]
    page: int
    per_page: int
    total: int
    pages: int


class PlanItemOut(BaseModel):
    id: int
    unit: UnitRef
    content: str
    window_start: datetime.date
    window_end: datetime.date
    form: str
    form_label: str
    composition: str
    case_ids: list[int]


class PlanOut(PlanSummary):
    purpose: str
    method: str
    organisation: str
    remarks: str
    items: list[PlanItemOut]


class PlanMoveIn(Strict):
    """Submit a plan to the Director, or (the Director) approve it or return it with remarks."""

    action: Literal["submit", "approve", "return"]
    remarks: str = Field("", max_length=5000)


# --- case state changes (Điều 13 – Điều 16) --------------------------------------------------


class CaseTransitionIn(Strict):
    """Start the inspection after the decision, or end it on its actual end date (R-13d, R-16.2).

    The other steps (decision, report, notice, closing the dossier) issue signed documents and
    are done in the interface."""

    action: Literal["start", "end"]
    ended_on: Day | None = Field(None, description="Ngày kết thúc thực tế (action=end); mặc định hôm nay.")


class TransitionOut(BaseModel):
    from_state: str
    to_state: str
    to_label: str
    at: AwareDatetime
    note: str


class RecommendationOut(BaseModel):
    id: int
    kind: str
    kind_label: str
    content: str
    unit: UnitRef
    deadline: datetime.date
    task_id: int | None


class TaskFindingOut(BaseModel):
    task_id: int
    result: str
    nature: str
    degree: str
    cause: str
    responsibility: str
    registration_late: bool
    result_entry_late: bool


# --- dossiers (R-17) -------------------------------------------------------------------------


class DossierQuery(PageQuery):
    state: Literal["open", "closed", "nop_luu", "da_huy"] | None = None
    year: int | None = Field(None, ge=1990, le=2100)


class DossierSummary(BaseModel):
    id: int
    case_id: int | None  # None: a past paper dossier registered by the archivist (issue 17)
    digitised: bool
    transferred_to: str
    code: str
    title: str
    year: int
    state: str
    state_label: str
    retention: str
    start_on: datetime.date | None
    end_on: datetime.date | None


class DossierPage(BaseModel):
    items: list[DossierSummary]
    page: int
    per_page: int
    total: int
    pages: int


class DossierItemOut(BaseModel):
    id: int
    number_symbol: str
    doc_date: datetime.date | None
    type_and_abstract: str
    author: str
    pages: int | None
    source: str
    has_file: bool


class ComponentOut(BaseModel):
    number: int
    name: str
    required: bool
    count: int
    items: list[DossierItemOut]


class AssemblyOut(BaseModel):
    id: int
    state: str
    state_label: str
    percent: int
    page_count: int
    finished_at: AwareDatetime | None
    pdf_url: str | None
    zip_url: str | None


class DossierOut(DossierSummary):
    complete: bool
    missing: list[int]
    components: list[ComponentOut]
    assembly: AssemblyOut | None


# --- periodic reports (R-18, R-20.2) ---------------------------------------------------------


class ReportQuery(PageQuery):
    secret: bool = Field(False, description="Báo cáo mật (R-5.2): chỉ người có quyền xem tài liệu mật.")
    kind: Literal["monthly", "half_year", "yearly", "request"] | None = None


class ReportSummary(BaseModel):
    id: int
    kind: str
    kind_label: str
    scope: str
    scope_text: str
    period_start: datetime.date
    period_end: datetime.date
    secret: bool
    issued: bool
    document_id: int
    number: str
    due_on: datetime.date | None


class ReportPage(BaseModel):
    items: list[ReportSummary]
    page: int
    per_page: int
    total: int
    pages: int


class ReportOut(ReportSummary):
    title: str
    document_state: str
    document_state_label: str
    issued_on: datetime.date | None
    files: dict[str, str]


class CaseDetail(CaseOut):
    """A case as its page shows it: with its recommendations, its findings per task and the
    history of its states (full access); an inspected unit gets its own recommendations (as
    its page in the interface shows them) and nothing else."""

    recommendations: list[RecommendationOut]
    task_findings: list[TaskFindingOut] | None
    transitions: list[TransitionOut] | None


# --- units' monthly reports (R-19.1, R-20.1) -------------------------------------------------


class UnitReportQuery(PageQuery):
    year: int | None = Field(None, ge=1990, le=2100)
    month: int | None = Field(None, ge=1, le=12)
    unit: int | None = Field(None, ge=1, le=2_147_483_647)


class UnitReportOut(BaseModel):
    id: int
    unit: UnitRef
    year: int
    month: int
    state: str
    state_label: str
    first_submitted_on: datetime.date | None
    submitted_on: datetime.date | None
    head_remarks: str


class UnitReportPage(BaseModel):
    items: list[UnitReportOut]
    page: int
    per_page: int
    total: int
    pages: int
