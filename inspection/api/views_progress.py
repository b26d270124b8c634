"""A task's progress updates and its return to the issuer (issue 15, R-6.2, R-6.3a).

Through the register's operations and the policy's `task.update_progress` / `task.return`.
"""

import base64
import binascii
import io

from flask_login import current_user

from inspection.accounts.policy import ensure
from inspection.api import queries
from inspection.api.blueprint import bp, responds, spec
from inspection.api.schemas import ProgressIn, ProgressOut, ResultIn, ReturnIn, TaskOut
from inspection.api.views_read import visible_task
from inspection.calendar.service import current_calendar
from inspection.errors import ValidationFailed
from inspection.register import operations
from inspection.register.blueprint import SCAN_MAX_BYTES, due_soon_days
from inspection.signing import records as signature_records
from inspection.uploads import store_stream
from inspection.views_util import accepts_uploads


def decoded_pdf(value, filename, field):
    """A callable storing and checking (issue 16) a base64 PDF inside the operation's transaction, or None."""
    if not value:
        return None
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed("Tệp PDF không đúng mã base64.", field=field) from None
    return lambda: signature_records.check_stored(  # the same check as the form's scan_loader
        store_stream(io.BytesIO(data), filename, user=current_user, allowed=("pdf",), max_bytes=SCAN_MAX_BYTES)
    )


def _signature(update):
    """The stored signature check of the update's attachment (issue 16), or None."""
    check = signature_records.verdict_of(update.attachment.sha256) if update.attachment_id else None
    return {"state": check.state, "text": check.summary, "level": check.level} if check else None


@bp.post("/tasks/<int:task_id>/progress")
@accepts_uploads
@spec.validate(json=ProgressIn, resp=responds({"HTTP_201": ProgressOut}), tags=["register"])
def record_progress(task_id, json: ProgressIn):
    """Cập nhật tình hình thực hiện (R-6.3a), có thể kèm tệp PDF."""
    task = visible_task(task_id)
    ensure(current_user, "task.update_progress", task)
    unit = operations.reporting_unit(current_user, task, json.unit_id, field="unit_id")
    attachment = decoded_pdf(json.attachment_base64, json.attachment_filename, "attachment_base64")
    update = operations.record_progress(current_user, task, unit, json.on_date, json.text, attachment=attachment)
    return ProgressOut.model_validate(
        {
            "id": update.id,
            "task_id": task.id,
            "unit": {"id": unit.id, "name": unit.name},
            "on_date": update.on_date,
            "text": update.text,
            "has_attachment": update.attachment_id is not None,
            "attachment_signature": _signature(update),
        }
    ), 201


@bp.post("/tasks/<int:task_id>/return")
@spec.validate(json=ReturnIn, resp=responds({"HTTP_200": TaskOut}), tags=["register"])
def return_task(task_id, json: ReturnIn):
    """Trả lại nhiệm vụ không thuộc thẩm quyền cho cơ quan ban hành, nêu rõ lý do (R-6.2)."""
    task = visible_task(task_id)
    ensure(current_user, "task.return", task)
    operations.return_task(current_user, task, json.reason, on=operations.today())
    return TaskOut.model_validate(queries.one_task(task, operations.today(), current_calendar(), due_soon_days()))


@bp.post("/tasks/<int:task_id>/result")
@accepts_uploads
@spec.validate(json=ResultIn, resp=responds({"HTTP_200": TaskOut}, "HTTP_409"), tags=["register"])
def complete_task(task_id, json: ResultIn):
    """Nhập kết quả thực hiện (hoàn thành): ngày, nội dung, văn bản kết quả và tệp PDF của nó;
    `version` như khi sửa (409). Tệp kết quả được lưu như một cập nhật ngày hoàn thành (xem …/progress)."""
    task = visible_task(task_id)
    ensure(current_user, "register.edit", task)  # the same action as the form's
    attachment = decoded_pdf(json.result_file_base64, json.result_file_filename, "result_file_base64")
    operations.complete_task(
        current_user,
        task,
        json.completed_on,
        json.result_text,
        json.result_doc_number,
        json.result_doc_date,
        json.version,
        on=operations.today(),
        attachment=attachment,
    )
    return TaskOut.model_validate(queries.one_task(task, operations.today(), current_calendar(), due_soon_days()))
