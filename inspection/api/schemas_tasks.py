"""Schemas of a task's own records (issue 15): periods of a recurring task and their results,
deadline extensions, progress updates with their attachments, flags (R-7.1) and corrections
(R-7.2b), the unit's contests (R-7.2b), and urgings (R-9).
"""

import datetime
from typing import Literal

from pydantic import BaseModel, Field

from inspection.api.schemas import Day, Strict, UnitRef

BigId = Field(ge=1, le=2_147_483_647)


class PeriodOut(BaseModel):
    id: int
    task_id: int
    period_label: str
    deadline: datetime.date
    completed_on: datetime.date | None
    result_text: str
    result_doc_number: str
    is_completed: bool


class PeriodList(BaseModel):
    items: list[PeriodOut]


class PeriodResultIn(Strict):
    """The result of one period of a recurring task (the same fields as the form's)."""

    completed_on: Day
    result_text: str = Field("", max_length=10000)
    result_doc_number: str = Field("", max_length=100)


class ExtensionOut(BaseModel):
    id: int
    task_id: int
    old_deadline: datetime.date | None
    new_deadline: datetime.date
    granted_by: str
    document_ref: str
    recorded_at: datetime.datetime


class ExtensionList(BaseModel):
    items: list[ExtensionOut]


class ExtensionIn(Strict):
    """A deadline extension decided by the issuer (who granted it, by which document);
    `version` is the task's as read (optimistic locking, 409)."""

    version: int = BigId
    new_deadline: Day
    granted_by: str = Field(min_length=1, max_length=255)
    document_ref: str = Field("", max_length=255)


class ProgressItem(BaseModel):
    """A progress update as the task page shows it, with its flag and what it corrects."""

    id: int
    task_id: int
    unit: UnitRef | None
    on_date: datetime.date
    text: str
    has_attachment: bool
    attachment_url: str | None
    flagged_inaccurate: bool
    flag_reason: str
    corrects_id: int | None
    corrected_by_ids: list[int]


class ProgressList(BaseModel):
    items: list[ProgressItem]


class FlagIn(Strict):
    reason: str = Field(min_length=1, max_length=5000)


class CorrectionIn(Strict):
    """The unit's correction of a flagged update: a new dated update linked to it (R-7.2b)."""

    on_date: Day | None = Field(None, description="Mặc định hôm nay.")
    text: str = Field(min_length=1, max_length=10000)
    attachment_filename: str = Field("tai-lieu.pdf", max_length=255)
    attachment_base64: str | None = Field(None, description="Tệp PDF kèm theo, mã hóa base64 (tối đa 20 MB).")


class ReviewEntry(BaseModel):
    """One entry of the Office's review queue about this task (R-7.1) or a unit's contest (R-7.2b)."""

    id: int
    kind: Literal["progress", "result", "contest"]
    kind_label: str
    state: str
    state_label: str
    reason: str
    entered_on: datetime.date
    unit: UnitRef | None
    progress_id: int | None
    contest_subject: str | None
    contest_reason: str | None


class ReviewList(BaseModel):
    items: list[ReviewEntry]


class ContestIn(Strict):
    """The lead unit asks the Office to look again at a result, a deadline or the lead unit."""

    subject: Literal["result", "deadline", "lead_unit"]
    reason: str = Field(min_length=1, max_length=5000)


class UrgingOut(BaseModel):
    id: int
    task_id: int
    channel: str
    channel_label: str
    urged_on: datetime.date
    to_unit: UnitRef
    note: str
    answer: str
    answered_on: datetime.date | None
    letter_id: int | None


class UrgingList(BaseModel):
    items: list[UrgingOut]


class TaskMarks(BaseModel):
    """A task's computed status and marks, as its page shows them (R-5.1e, R-6.1b, R-6.3b, R-7)."""

    task_id: int
    status: str
    status_label: str
    overdue: bool
    due_soon: bool
    registration_due_on: datetime.date | None
    registration_late: bool
    result_due_on: datetime.date | None
    result_late: bool
    finished_within_original: bool | None
    flagged_updates: int
    uncorrected_flags: int
