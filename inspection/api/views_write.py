"""Writing: an incoming document with its tasks and PDF, and a task's update (issue 15).

Both go through the register's own operations and the one policy, exactly as the forms do:
the same checks, the same refusals (their messages become the problem's detail and field).
"""

from flask_login import current_user

from inspection.accounts.models import Unit
from inspection.accounts.policy import ensure
from inspection.api import queries
from inspection.api.blueprint import bp, responds, spec
from inspection.api.schemas import DocumentIn, DocumentOut, TaskIn, TaskOut, TaskUpdate
from inspection.api.views_progress import decoded_pdf
from inspection.api.views_read import visible_task
from inspection.calendar.service import current_calendar
from inspection.register import operations
from inspection.register.blueprint import due_soon_days
from inspection.register.models import TaskUnit
from inspection.views_util import accepts_uploads

DOC_FIELDS = operations.DOC_FIELDS


def _task_data(task: TaskIn | TaskUpdate, units, current=None):
    """The operations' dict of a task: unit ids become units (an unknown id is refused there)."""
    given = task.model_dump(exclude_unset=True)
    data = dict(current or {})
    for name in ("summary", "kind", "monitor_officer_name", "deadline", "recurrence", "recurrence_day", "is_key"):
        if name in given or current is None:
            data[name] = getattr(task, name)
    if "lead_unit_id" in given or current is None:
        data["lead_unit"] = units.get(task.lead_unit_id)
    if "other_unit_ids" in given or current is None:
        data["other_units"] = [units.get(i) for i in task.other_unit_ids or []]
    if "joint" in given or current is None:
        data["joint"] = bool(task.joint)
    if "monitor_unit_id" in given or current is None:
        data["monitor_unit"] = units.get(task.monitor_unit_id, False) if task.monitor_unit_id else None
    data["summary"] = (data.get("summary") or "").strip()
    data["kind"] = data.get("kind") or "other"
    data["recurrence"] = data.get("recurrence") or ""
    return data


@bp.post("/documents")
@accepts_uploads
@spec.validate(json=DocumentIn, resp=responds({"HTTP_201": DocumentOut}), tags=["register"])
def create_document(json: DocumentIn):
    """Vào sổ một văn bản đến từ phần mềm quản lý văn bản, với các nhiệm vụ và tệp PDF (R-5.1, R-6.1b).

    Cùng các kiểm tra như biểu mẫu; văn bản trùng số, cơ quan ban hành, năm bị từ chối.
    Câu trả lời có hạn vào sổ của từng nhiệm vụ (registration_due_on, R-6.1b).
    """
    ensure(current_user, "register.edit")
    doc_data = {name: getattr(json, name) for name in DOC_FIELDS}
    if doc_data["secret_level"]:
        ensure(current_user, "register.secret.view")
    units = {u.id: u for u in Unit.select()}
    tasks = [_task_data(t, units) for t in json.tasks]
    calendar = current_calendar()
    doc, _ = operations.register_document(
        current_user,
        doc_data,
        tasks,
        calendar,
        scan_file=decoded_pdf(json.scan_base64, json.scan_filename, "scan_base64"),
        on=operations.today(),
    )
    return DocumentOut.model_validate(queries.document_dict(doc, operations.today(), calendar, due_soon_days())), 201


def _current(task):
    links = list(TaskUnit.select().where(TaskUnit.task == task))
    return {
        "summary": task.summary,
        "kind": task.kind,
        "lead_unit": task.lead_unit,
        "other_units": [link.unit for link in links],
        "joint": any(link.role == "joint" for link in links),
        "monitor_unit": task.monitor_unit,
        "monitor_officer_name": task.monitor_officer_name,
        "deadline": task.deadline,
        "recurrence": task.recurrence,
        "recurrence_day": task.recurrence_day,
        "is_key": task.is_key,
    }


@bp.patch("/tasks/<int:task_id>")
@spec.validate(json=TaskUpdate, resp=responds({"HTTP_200": TaskOut}, "HTTP_409"), tags=["register"])
def update_task(task_id, json: TaskUpdate):
    """Sửa một nhiệm vụ; `version` là phiên bản đã đọc: nếu người khác vừa lưu, trả 409."""
    task = visible_task(task_id)
    ensure(current_user, "register.edit", task)
    units = {u.id: u for u in Unit.select()}
    data = _task_data(json, units, current=_current(task))
    operations.update_task(current_user, task, data, json.version)
    return TaskOut.model_validate(queries.one_task(task, operations.today(), current_calendar(), due_soon_days()))
