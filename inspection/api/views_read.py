"""Reading: units, working days, the register's tasks and documents (issue 15)."""

from flask_login import current_user

from inspection.accounts.policy import can, ensure
from inspection.api import queries
from inspection.api.blueprint import bp, responds, spec
from inspection.api.schemas import (
    DocumentOut,
    DocumentPage,
    DocumentQuery,
    TaskOut,
    TaskPage,
    TaskQuery,
    UnitList,
    WorkdaysOut,
    WorkdaysQuery,
)
from inspection.calendar.service import current_calendar
from inspection.errors import NotFound
from inspection.register import operations
from inspection.register.blueprint import due_soon_days
from inspection.register.models import DirectiveDocument, Task
from inspection.register.queries import Filters

TASK_NOT_FOUND = "Không tìm thấy nhiệm vụ."


@bp.get("/units")
@spec.validate(resp=responds({"HTTP_200": UnitList}), tags=["units"])
def list_units():
    """Đơn vị của Sở (danh mục)."""
    return UnitList.model_validate({"items": queries.units()})


@bp.get("/workdays/add")
@spec.validate(query=WorkdaysQuery, resp=responds({"HTTP_200": WorkdaysOut}), tags=["workdays"])
def add_workdays(query: WorkdaysQuery):
    """Cộng (hoặc trừ) n ngày làm việc theo lịch của hệ thống (R-6)."""
    try:
        result = current_calendar().add_working_days(query.from_, query.n)
    except (ValueError, OverflowError) as exc:
        raise NotFound("Ngày nằm ngoài lịch làm việc của hệ thống.") from exc
    return WorkdaysOut.model_validate({"from": query.from_, "n": query.n, "result": result})


def _filters(query: TaskQuery) -> Filters:
    names = [
        "q",
        "status",
        "unit",
        "issuer",
        "doc_type",
        "received_from",
        "received_to",
        "deadline_from",
        "deadline_to",
        "key",
        "overdue",
        "due_soon",
        "late_reg",
        "mine",
        "sort",
        "page",
    ]
    values = {name: getattr(query, name) for name in names}
    values["status"] = values["status"] or ""
    return Filters(**values)


@bp.get("/tasks")
@spec.validate(query=TaskQuery, resp=responds({"HTTP_200": TaskPage}), tags=["register"])
def list_tasks(query: TaskQuery):
    """Nhiệm vụ trong sổ theo dõi, lọc và phân trang như trang Sổ theo dõi (sổ mật: secret=true)."""
    ensure(current_user, "register.secret.view" if query.secret else "register.view")
    today, calendar = operations.today(), current_calendar()
    page = queries.task_page(
        current_user, _filters(query), today, calendar, due_soon_days(), query.secret, query.per_page
    )
    return TaskPage.model_validate(page)


def visible_task(task_id):
    """The task the token's user may see. A secret one (R-5.2) is "not found" without clearance."""
    task = Task.get_or_none(Task.id == task_id)
    if task is None or (task.is_secret and not can(current_user, "register.secret.view")):
        raise NotFound(TASK_NOT_FOUND)
    ensure(current_user, "register.view", task)
    return task


@bp.get("/tasks/<int:task_id>")
@spec.validate(resp=responds({"HTTP_200": TaskOut}), tags=["register"])
def show_task(task_id):
    """Một nhiệm vụ, với trạng thái và các dấu hiệu tính theo quy định (R-5.1đ, R-6.1b)."""
    task = visible_task(task_id)
    return TaskOut.model_validate(queries.one_task(task, operations.today(), current_calendar(), due_soon_days()))


@bp.get("/documents")
@spec.validate(query=DocumentQuery, resp=responds({"HTTP_200": DocumentPage}), tags=["register"])
def list_documents(query: DocumentQuery):
    """Văn bản chỉ đạo đã vào sổ (sổ thường), mới nhận trước."""
    ensure(current_user, "register.view")
    page = queries.document_page(
        current_user, False, query.page, query.per_page, query.received_from, query.received_to
    )
    return DocumentPage.model_validate(page)


def visible_document(document_id):
    doc = DirectiveDocument.get_or_none(DirectiveDocument.id == document_id)
    if doc is None or (doc.is_secret and not can(current_user, "register.secret.view")):
        raise NotFound("Không tìm thấy văn bản.")
    ensure(current_user, "register.view", doc)
    return doc


@bp.get("/documents/<int:document_id>")
@spec.validate(resp=responds({"HTTP_200": DocumentOut}), tags=["register"])
def show_document(document_id):
    """Một văn bản chỉ đạo và các nhiệm vụ của nó."""
    doc = visible_document(document_id)
    return DocumentOut.model_validate(
        queries.document_dict(doc, operations.today(), current_calendar(), due_soon_days())
    )
