"""A task's own records through the API (issue 15): periods of a recurring task and their
results, deadline extensions, progress updates with attachments, flags and corrections
(R-7.1, R-7.2b), the unit's contests, and urgings (R-9).

Each goes through the task first (`visible_task`: a secret task is "not found" without
clearance, R-5.2; another unit's task is forbidden), then through the same operation and the
same policy action as the task page's form.
"""

from flask import url_for
from flask_login import current_user

from inspection.accounts.policy import can, ensure
from inspection.api.blueprint import bp, responds, spec
from inspection.api.schemas_tasks import (
    ContestIn,
    CorrectionIn,
    ExtensionIn,
    ExtensionList,
    ExtensionOut,
    FlagIn,
    PeriodList,
    PeriodOut,
    PeriodResultIn,
    ProgressItem,
    ProgressList,
    ReviewEntry,
    ReviewList,
    TaskMarks,
    UrgingList,
)
from inspection.api.views_progress import decoded_pdf
from inspection.api.views_read import visible_task
from inspection.calendar.service import current_calendar
from inspection.errors import NotFound, ValidationFailed
from inspection.monitoring import review_ops
from inspection.monitoring import review_rules as rr
from inspection.monitoring import rules as monitoring_rules
from inspection.monitoring.models import Contest, ReviewItem
from inspection.monitoring.urging_queries import task_urgings
from inspection.register import operations
from inspection.register import queries as register_queries
from inspection.register.blueprint import due_soon_days
from inspection.register.models import DeadlineExtension, ProgressUpdate, TaskPeriod
from inspection.views_util import accepts_uploads, send_bytes


def _unit(unit):
    return {"id": unit.id, "name": unit.name} if unit is not None else None


# --- the computed marks ----------------------------------------------------------------------


@bp.get("/tasks/<int:task_id>/marks")
@spec.validate(resp=responds({"HTTP_200": TaskMarks}), tags=["register"])
def task_marks(task_id):
    """Trạng thái và các dấu hiệu của nhiệm vụ như trang nhiệm vụ: hạn vào sổ (R-6.1b), hạn nhập kết quả
    (R-6.3b), hoàn thành trong thời hạn ban đầu, các cập nhật bị đánh dấu chưa chính xác (R-7.1)."""
    task = visible_task(task_id)
    page = register_queries.task_page(task, operations.today(), current_calendar(), due_soon_days(), current_user)
    status, updates = page["status"], page["updates"]
    corrected = {u.corrects_id for u in updates if u.corrects_id}
    flagged = [u for u in updates if u.flagged_inaccurate]
    return TaskMarks.model_validate(
        {
            "task_id": task.id,
            "status": status.value,
            "status_label": status.label,
            "overdue": status.is_overdue,
            "due_soon": bool(page["due_soon"]),
            "registration_due_on": page["registration_due"],
            "registration_late": bool(page["registration_late"]),
            "result_due_on": page["result_due"],
            "result_late": bool(page["result_late"]),
            "finished_within_original": page["within_original"],
            "flagged_updates": len(flagged),
            "uncorrected_flags": sum(1 for u in flagged if u.id not in corrected),
        }
    )


# --- periods of a recurring task -------------------------------------------------------------


def _period(p):
    fields = ("id", "task_id", "period_label", "deadline", "completed_on", "result_text", "result_doc_number")
    return {**{f: getattr(p, f) for f in fields}, "is_completed": p.completed_on is not None}


@bp.get("/tasks/<int:task_id>/periods")
@spec.validate(resp=responds({"HTTP_200": PeriodList}), tags=["register"])
def list_periods(task_id):
    """Các kỳ của nhiệm vụ định kỳ (tháng, quý…), mỗi kỳ có hạn và kết quả riêng."""
    task = visible_task(task_id)
    periods = TaskPeriod.select().where(TaskPeriod.task == task).order_by(TaskPeriod.deadline, TaskPeriod.id)
    return PeriodList.model_validate({"items": [_period(p) for p in periods]})


@bp.post("/tasks/<int:task_id>/periods/<int:period_id>/result")
@spec.validate(json=PeriodResultIn, resp=responds({"HTTP_200": PeriodOut}, "HTTP_409"), tags=["register"])
def complete_period(task_id, period_id, json: PeriodResultIn):
    """Nhập kết quả một kỳ của nhiệm vụ định kỳ; hết kỳ cuối, nhiệm vụ hoàn thành (như biểu mẫu).
    Kỳ đã có kết quả thì không ghi lần thứ hai (409), kể cả khi gửi lại đúng nội dung cũ."""
    task = visible_task(task_id)
    period = TaskPeriod.get_or_none((TaskPeriod.id == period_id) & (TaskPeriod.task == task.id))
    if period is None:
        raise NotFound("Không tìm thấy kỳ của nhiệm vụ này.")
    ensure(current_user, "register.edit", task)  # the same action as the form's
    operations.complete_period(
        current_user, period, json.completed_on, json.result_text, json.result_doc_number, on=operations.today()
    )
    return PeriodOut.model_validate(_period(TaskPeriod.get_by_id(period.id)))


# --- deadline extensions ---------------------------------------------------------------------


def _extension(e):
    fields = ("id", "task_id", "old_deadline", "new_deadline", "granted_by", "document_ref")
    return {**{f: getattr(e, f) for f in fields}, "recorded_at": e.recorded_at.astimezone()}


@bp.get("/tasks/<int:task_id>/extensions")
@spec.validate(resp=responds({"HTTP_200": ExtensionList}), tags=["register"])
def list_extensions(task_id):
    """Các lần gia hạn của nhiệm vụ: thời hạn cũ, mới, người cho phép, văn bản."""
    task = visible_task(task_id)
    rows = DeadlineExtension.select().where(DeadlineExtension.task == task).order_by(DeadlineExtension.recorded_at)
    return ExtensionList.model_validate({"items": [_extension(e) for e in rows]})


@bp.post("/tasks/<int:task_id>/extensions")
@spec.validate(json=ExtensionIn, resp=responds({"HTTP_201": ExtensionOut}, "HTTP_409"), tags=["register"])
def extend_deadline(task_id, json: ExtensionIn):
    """Ghi nhận quyết định gia hạn (Văn phòng Sở); `version` như khi sửa nhiệm vụ (409)."""
    task = visible_task(task_id)
    ensure(current_user, "task.extend", task)
    ext = operations.extend_deadline(
        current_user, task, json.new_deadline, json.granted_by, json.document_ref, json.version
    )
    return ExtensionOut.model_validate(_extension(DeadlineExtension.get_by_id(ext.id))), 201


# --- progress updates, their attachments, flags and corrections -----------------------------


def _progress(u, corrected_by):
    url = None
    if u.attachment_id is not None:
        url = url_for("api.download_progress_attachment", task_id=u.task_id, update_id=u.id)
    return {
        "id": u.id,
        "task_id": u.task_id,
        "unit": _unit(u.unit),
        "on_date": u.on_date,
        "text": u.text,
        "has_attachment": u.attachment_id is not None,
        "attachment_url": url,
        "flagged_inaccurate": u.flagged_inaccurate,
        "flag_reason": u.flag_reason,
        "corrects_id": u.corrects_id,
        "corrected_by_ids": corrected_by.get(u.id, []),
    }


def _progress_items(task):
    updates = list(
        ProgressUpdate.select()
        .where(ProgressUpdate.task == task)
        .order_by(ProgressUpdate.on_date.desc(), ProgressUpdate.id.desc())
    )
    corrected_by = {}
    for u in updates:
        if u.corrects_id:
            corrected_by.setdefault(u.corrects_id, []).append(u.id)
    return [_progress(u, corrected_by) for u in updates]


@bp.get("/tasks/<int:task_id>/progress")
@spec.validate(resp=responds({"HTTP_200": ProgressList}), tags=["register"])
def list_progress(task_id):
    """Các lần cập nhật tình hình thực hiện, mới nhất trước: tệp kèm, đánh dấu chưa chính xác, điều chỉnh."""
    return ProgressList.model_validate({"items": _progress_items(visible_task(task_id))})


def _update_of(task, update_id):
    update = ProgressUpdate.get_or_none((ProgressUpdate.id == update_id) & (ProgressUpdate.task == task.id))
    if update is None:
        raise NotFound("Không tìm thấy cập nhật này của nhiệm vụ.")
    return update


def _one_progress(task, update_id):
    return ProgressItem.model_validate(next(i for i in _progress_items(task) if i["id"] == update_id))


@bp.get("/tasks/<int:task_id>/progress/<int:update_id>/attachment")
@spec.validate(resp=responds({"HTTP_200": None}), tags=["register"])
def download_progress_attachment(task_id, update_id):
    """Tệp kèm theo một lần cập nhật (người được xem nhiệm vụ mới tải được)."""
    update = _update_of(visible_task(task_id), update_id)
    stored = update.attachment
    if stored is None:
        raise NotFound("Lần cập nhật này không có tệp kèm theo.")
    answer = send_bytes(stored.read_bytes(), stored.download_name, stored.mime)
    answer.direct_passthrough = False  # spectree reads the body it passes on
    return answer


@bp.post("/tasks/<int:task_id>/progress/<int:update_id>/flag")
@spec.validate(json=FlagIn, resp=responds({"HTTP_200": ProgressItem}), tags=["register"])
def flag_progress(task_id, update_id, json: FlagIn):
    """Văn phòng Sở đánh dấu một lần cập nhật chưa chính xác, nêu lý do (R-7.1); đơn vị điều chỉnh."""
    task = visible_task(task_id)
    update = _update_of(task, update_id)
    ensure(current_user, "task.flag", task)
    operations.flag_update(current_user, update, json.reason)
    return _one_progress(task, update.id)


@bp.post("/tasks/<int:task_id>/progress/<int:update_id>/correction")
@accepts_uploads
@spec.validate(json=CorrectionIn, resp=responds({"HTTP_201": ProgressItem}), tags=["register"])
def correct_progress(task_id, update_id, json: CorrectionIn):
    """Đơn vị điều chỉnh một lần cập nhật bị đánh dấu chưa chính xác: một cập nhật mới gắn với nó (R-7.2b)."""
    task = visible_task(task_id)
    update = _update_of(task, update_id)
    ensure(current_user, "task.update_progress", task)
    if not update.flagged_inaccurate:
        raise ValidationFailed("Lần cập nhật này không bị đánh dấu chưa chính xác nên không cần điều chỉnh.")
    unit = operations.reporting_unit(current_user, task, update.unit_id, field="unit_id")
    attachment = decoded_pdf(json.attachment_base64, json.attachment_filename, "attachment_base64")
    new = operations.record_progress(
        current_user, task, unit, json.on_date or operations.today(), json.text, attachment=attachment, corrects=update
    )
    return _one_progress(task, new.id), 201


# --- the review of the Office and the unit's contests (R-7.2b) ----------------------


def _review_entry(item, contest):
    return {
        "id": item.id,
        "kind": item.kind,
        "kind_label": rr.KINDS.get(item.kind, item.kind),
        "state": item.state,
        "state_label": rr.STATES.get(item.state, item.state),
        "reason": item.reason,
        "entered_on": item.entered_on,
        "unit": _unit(item.unit),
        "progress_id": item.progress_id,
        "contest_subject": contest.subject if contest else None,
        "contest_reason": contest.reason if contest else None,
    }


def _review_items(task):
    """The task's review entries: all for the Office, the user's own unit's otherwise."""
    cond = ReviewItem.task == task.id
    if not can(current_user, "monitoring.review.view"):
        cond &= ReviewItem.unit == (current_user.unit_id or 0)
    items = list(ReviewItem.select().where(cond).order_by(ReviewItem.entered_on.desc(), ReviewItem.id.desc()))
    contest_ids = [i.contest_id for i in items if i.contest_id]
    contests = {c.id: c for c in Contest.select().where(Contest.id.in_(contest_ids))} if contest_ids else {}
    return [_review_entry(i, contests.get(i.contest_id)) for i in items]


@bp.get("/tasks/<int:task_id>/review")
@spec.validate(resp=responds({"HTTP_200": ReviewList}), tags=["register"])
def list_review(task_id):
    """Kết quả xem xét của Văn phòng Sở về thông tin đơn vị cập nhật (R-7.1) và ý kiến của đơn vị (R-7.2b)."""
    return ReviewList.model_validate({"items": _review_items(visible_task(task_id))})


@bp.post("/tasks/<int:task_id>/contests")
@spec.validate(json=ContestIn, resp=responds({"HTTP_201": ReviewEntry}), tags=["register"])
def contest_task(task_id, json: ContestIn):
    """Đơn vị chủ trì đề nghị Văn phòng Sở xem xét lại kết quả, thời hạn hoặc đơn vị chủ trì (R-7.2b)."""
    task = visible_task(task_id)
    ensure(current_user, "monitoring.contest", task)
    contest = review_ops.raise_contest(current_user, task, json.subject, json.reason)
    item = ReviewItem.get(ReviewItem.contest == contest.id)
    return ReviewEntry.model_validate(_review_entry(item, contest)), 201


# --- urgings (R-9) ---------------------------------------------------------------------------


@bp.get("/tasks/<int:task_id>/urgings")
@spec.validate(resp=responds({"HTTP_200": UrgingList}), tags=["register"])
def list_urgings(task_id):
    """Các lần đôn đốc nhiệm vụ (R-9): hình thức, ngày, đơn vị được đôn đốc, trả lời."""
    task = visible_task(task_id)
    rows = [] if task.is_secret else task_urgings(task)  # as the task page
    items = [
        {
            "id": u.id,
            "task_id": u.task_id,
            "channel": u.channel,
            "channel_label": monitoring_rules.URGING_CHANNELS.get(u.channel, u.channel),
            "urged_on": u.urged_on,
            "to_unit": _unit(u.to_unit),
            "note": u.note,
            "answer": u.answer,
            "answered_on": u.answered_on,
            "letter_id": u.letter_id,
        }
        for u in rows
    ]
    return UrgingList.model_validate({"items": items})
