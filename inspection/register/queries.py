"""Reading the register: status in SQL, filters, search, scopes, counts.

`status_case(today)` is the SQL twin of `rules.status()`; tests/register/test_status_sql.py
proves they agree on a table of cases. Lists, filters and counts are computed by the
database so they stay fast over 100,000 tasks.
"""

from dataclasses import dataclass, field, fields
from datetime import date

from peewee import JOIN, Case, fn

from inspection.accounts.models import Unit
from inspection.register import rules
from inspection.register.models import DirectiveDocument, Task, TaskUnit
from inspection.register.rules import Status
from inspection.text import fold, parse_id, parse_vn_date

S = Status


def status_case(today: date):
    """Return the SQL CASE computing rules.status() (same order of tests)."""
    t = Task
    done = t.is_completed == True  # noqa: E712 - peewee expression
    return Case(
        None,
        [
            (t.returned_on.is_null(False), S.DA_TRA_LAI.value),
            (done & t.completed_on.is_null(), S.HOAN_THANH_KHONG_RO_NGAY.value),
            (done & (t.deadline.is_null() | (t.completed_on <= t.deadline)), S.HOAN_THANH_DUNG_HAN.value),
            (done, S.HOAN_THANH_QUA_HAN.value),
            (t.deadline.is_null(), S.KHONG_THOI_HAN.value),
            (t.started_on.is_null(False) & (t.deadline < today), S.DANG_THUC_HIEN_QUA_HAN.value),
            (t.started_on.is_null(False), S.DANG_THUC_HIEN_TRONG_HAN.value),
            (t.deadline < today, S.CHUA_THUC_HIEN_QUA_HAN.value),
        ],
        S.CHUA_THUC_HIEN_TRONG_HAN.value,
    )


def open_condition():
    """Tasks still to be done: neither completed nor returned (R-6.2)."""
    return (Task.is_completed == False) & Task.returned_on.is_null()  # noqa: E712


def overdue_condition(today):
    return open_condition() & (Task.deadline < today)


def due_soon_condition(today, calendar, days):
    limit = rules.due_soon_limit(today, calendar, days)
    return open_condition() & (Task.deadline >= today) & (Task.deadline <= limit)


def late_registration_condition():
    """R-6.1b: the SQL twin of rules.registration_late() (registered after the stored limit)."""
    return (
        Task.registered_on.is_null(False)
        & Task.registration_due_on.is_null(False)
        & (Task.registered_on > Task.registration_due_on)
    )


def unit_condition(unit_id):
    """Tasks a unit leads or takes part in."""
    linked = TaskUnit.select(TaskUnit.task).where(TaskUnit.unit == unit_id)
    return (Task.lead_unit == unit_id) | Task.id.in_(linked)


def scope_condition(user, secret=False):
    """Which tasks `user` may see in the ordinary (or secret) register (R-5.2)."""
    cond = Task.is_secret == bool(secret)
    if not user.is_office:
        cond &= unit_condition(user.unit_id or 0)
    return cond


def scope(user, secret=False):
    """Base query of the tasks `user` may see in the ordinary (or secret) register (R-5.2)."""
    return Task.select().where(scope_condition(user, secret))


SORTS = {
    "deadline": (Task.deadline.asc(nulls="LAST"), Task.id),
    "-deadline": (Task.deadline.desc(nulls="LAST"), Task.id.desc()),
    # Plain ASC/DESC so SQLite walks the received_on index (DESC puts empty dates last).
    "received": (DirectiveDocument.received_on.asc(), Task.id),
    "-received": (DirectiveDocument.received_on.desc(), Task.id.desc()),
    "number": (DirectiveDocument.number_symbol, Task.id),
    "unit": (Unit.name, Task.id),
    "-created": (Task.id.desc(),),
}
SORT_LABELS = {
    "deadline": "Thời hạn (sớm trước)",
    "-deadline": "Thời hạn (muộn trước)",
    "-received": "Ngày nhận (mới trước)",
    "received": "Ngày nhận (cũ trước)",
    "number": "Số, ký hiệu",
    "unit": "Đơn vị chủ trì",
    "-created": "Mới đăng ký",
}


@dataclass
class Filters:
    """What the list is filtered by; every field lives in the URL's query string."""

    q: str = ""
    status: str = ""
    unit: int | None = None
    issuer: str = ""
    doc_type: str = ""
    received_from: date | None = None
    received_to: date | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    key: bool = False
    overdue: bool = False
    due_soon: bool = False
    late_reg: bool = False
    mine: bool = False
    # The dashboards' drill-down (monitoring/figures.py, R-8): one figure as of a date,
    # the tasks a unit leads or takes part in.
    figure: str = ""
    as_of: date | None = None
    involving: int | None = None
    sort: str = "deadline"
    page: int = 1
    errors: list = field(default_factory=list)

    @classmethod
    def from_args(cls, args):
        """Parse request.args; bad values are dropped with a message, never an error page."""
        f = cls()
        f.q = (args.get("q") or "").strip()[:200]
        f.status = args.get("status", "") if Status.from_code(args.get("status", "")) else ""
        f.issuer = args.get("issuer", "")[:30]
        f.doc_type = args.get("doc_type", "")[:30]
        f.sort = args.get("sort", "deadline") if args.get("sort") in SORTS else "deadline"
        for name in ("key", "overdue", "due_soon", "late_reg", "mine"):
            setattr(f, name, args.get(name) in ("1", "on", "true"))
        f.unit = _int(args.get("unit"))
        f.involving = _int(args.get("involving"))
        f.figure = args.get("figure", "") if args.get("figure") in _figure_keys() else ""
        f.page = max(1, _int(args.get("page")) or 1)
        for name, label in DATE_FILTERS.items():
            raw = (args.get(name) or "").strip()
            if raw:
                try:
                    setattr(f, name, parse_vn_date(raw))
                except ValueError:
                    f.errors.append(f"{label}: ngày không hợp lệ ({raw}).")
        return f

    def to_args(self, **override):
        """Query-string dict of the non-default values (for links and pagination)."""
        out = {}
        for fl in fields(self):
            if fl.name == "errors":
                continue
            v = override.get(fl.name, getattr(self, fl.name))
            if v in (None, "", False) or (fl.name == "page" and v == 1) or (fl.name == "sort" and v == "deadline"):
                continue
            out[fl.name] = "1" if v is True else (v.isoformat() if isinstance(v, date) else v)
        return out


DATE_FILTERS = {
    "received_from": "Nhận từ ngày",
    "received_to": "Nhận đến ngày",
    "deadline_from": "Thời hạn từ ngày",
    "deadline_to": "Thời hạn đến ngày",
    "as_of": "Số liệu tính đến ngày",
}


def _figure_keys():
    from inspection.monitoring.figures import KEYS  # the monitoring part builds on the register

    return (*KEYS, "total")


def _int(value):
    """A positive id from the URL, or None: a number past MAX_ID is no record (SQLite would overflow)."""
    try:
        number = parse_id(value)
    except (TypeError, ValueError):
        return None
    return number or None  # 0 is no id either


def apply_filters(query, f: Filters, today, calendar, due_soon_days, user=None):
    """Narrow a task query (joined to its document) by the filters."""
    conds = []
    for word in fold(f.q).split():
        conds.append(Task.search_text.contains(word))
    if f.status:
        conds.append(status_case(today) == f.status)
    if f.unit:
        conds.append(Task.lead_unit == f.unit)
    if f.issuer:
        conds.append(DirectiveDocument.issuer_kind == f.issuer)
    if f.doc_type:
        conds.append(DirectiveDocument.doc_type == f.doc_type)
    if f.received_from:
        conds.append(DirectiveDocument.received_on >= f.received_from)
    if f.received_to:
        conds.append(DirectiveDocument.received_on <= f.received_to)
    if f.deadline_from:
        conds.append(Task.deadline >= f.deadline_from)
    if f.deadline_to:
        conds.append(Task.deadline <= f.deadline_to)
    if f.key:
        conds.append(Task.is_key == True)  # noqa: E712
    if f.overdue:
        conds.append(overdue_condition(today))
    if f.due_soon:
        conds.append(due_soon_condition(today, calendar, due_soon_days))
    if f.late_reg:
        conds.append(late_registration_condition())
    if f.mine and user is not None:
        conds.append(unit_condition(user.unit_id or 0))
    if f.involving:
        conds.append(unit_condition(f.involving))
    if f.figure or f.as_of:
        from inspection.monitoring import figures

        conds.append(figures.condition(f.figure, f.as_of or today, calendar, due_soon_days, secret=None))
    for c in conds:
        query = query.where(c)
    return query


def filtered_tasks(user, f: Filters, today, calendar, due_soon_days, secret=False):
    """The register's filtered query, joined to document and lead unit, sorted, unpaginated.

    The on-screen list and the Excel export (excel_export.py) share it, so an export
    holds exactly what the list shows.
    """
    base = (
        scope(user, secret)
        .join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
        .switch(Task)
        .join(Unit, on=(Task.lead_unit == Unit.id))
    )
    return apply_filters(base, f, today, calendar, due_soon_days, user).order_by(*SORTS[f.sort])


FEW_MATCHES = 5000


def _needs_document(f: Filters):
    return bool(f.issuer or f.doc_type or f.received_from or f.received_to)


def task_list(user, f: Filters, today, calendar, due_soon_days, secret=False, per_page=50):
    """Return (rows, total) for one page of the register, filtered and sorted.

    The count joins the document only when a filter needs it and selects no columns,
    so over 100,000 tasks it reads the task indexes only.
    """
    counted = scope(user, secret)
    if _needs_document(f):
        counted = counted.join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
    counted = apply_filters(counted, f, today, calendar, due_soon_days, user)
    total = counted.select(fn.COUNT(Task.id)).scalar()
    if not total:
        return [], 0
    if total <= FEW_MATCHES:
        # Few matches (a rare search word): sorting them beats walking the deadline index past
        # 100,000 rows that don't match.
        matching = [r[0] for r in counted.select(Task.id).tuples()]
        return _page(Task.id.in_(matching), f, today, per_page, secret), total
    return _page(None, f, today, per_page, secret, user=user, calendar=calendar, due_soon_days=due_soon_days), total


def _by_received_date(secret):
    """The whole register by received date: walk the documents' received_on index, stop after a page.

    CROSS JOIN fixes the loop order; "+ 0" keeps SQLite from looking tasks up through an
    is_secret index instead of document_id on a database it has no statistics for.
    """
    return (
        DirectiveDocument.select(Task.id)
        .join(Task, JOIN.CROSS)
        .where((Task.document == DirectiveDocument.id) & ((Task.is_secret + 0) == int(bool(secret))))
    )


def _unfiltered(f: Filters):
    return not (
        f.q
        or f.status
        or f.unit
        or f.issuer
        or f.doc_type
        or f.received_from
        or f.received_to
        or f.deadline_from
        or f.deadline_to
        or f.key
        or f.overdue
        or f.due_soon
        or f.late_reg
        or f.mine
        or f.figure
        or f.as_of
        or f.involving
    )


def _page(only, f, today, per_page, secret, user=None, calendar=None, due_soon_days=None):
    """One page of wide rows: sort and cut on narrow rows (ids), then load the page's rows.

    `only` restricts to already-filtered ids; otherwise the scope and filters are applied here.
    """
    if only is None and f.sort in ("received", "-received") and user.is_office and _unfiltered(f):
        ids = _by_received_date(secret)
    else:
        ids = Task.select(Task.id)
        if f.sort in ("number", "received", "-received") or (only is None and _needs_document(f)):
            ids = ids.join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
        if f.sort == "unit":
            ids = ids.switch(Task).join(Unit, on=(Task.lead_unit == Unit.id))
        if only is not None:
            ids = ids.where(only)
        else:
            ids = apply_filters(ids.where(scope_condition(user, secret)), f, today, calendar, due_soon_days, user)
    page_ids = [r[0] for r in ids.order_by(*SORTS[f.sort]).paginate(f.page, per_page).tuples()]
    if not page_ids:
        return []
    rows = (
        Task.select(Task, DirectiveDocument, Unit, status_case(today).alias("status_code"))
        .join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
        .switch(Task)
        .join(Unit, on=(Task.lead_unit == Unit.id))
        .where(Task.id.in_(page_ids))
        .objects()
    )
    order = {task_id: i for i, task_id in enumerate(page_ids)}
    return sorted(rows, key=lambda t: order[t.id])


def status_counts(user, today, secret=False):
    """Return {Status: n} for the tasks the user may see, counted by the database.

    Each figure is a COUNT over a range of the covering task index with at most one
    comparison per row (no CASE, no sort): the same order of tests as rules.status(),
    checked against it by tests/register/test_status_sql.py.
    """
    base = Task.select(fn.COUNT(Task.id)).where(scope_condition(user, secret))
    kept = base.where(Task.returned_on.is_null())
    done = kept.where(Task.is_completed == True)  # noqa: E712
    open_ = kept.where(Task.is_completed == False)  # noqa: E712
    late, in_time = open_.where(Task.deadline < today), open_.where(Task.deadline >= today)
    started = Task.started_on.is_null(False)
    done_dated = done.where(Task.completed_on.is_null(False))
    n = {
        S.DA_TRA_LAI: base.where(Task.returned_on.is_null(False)).scalar(),
        S.HOAN_THANH_KHONG_RO_NGAY: done.where(Task.completed_on.is_null()).scalar(),
        S.HOAN_THANH_DUNG_HAN: done_dated.where(
            Task.deadline.is_null() | (Task.completed_on <= Task.deadline)
        ).scalar(),
        S.KHONG_THOI_HAN: open_.where(Task.deadline.is_null()).scalar(),
        S.DANG_THUC_HIEN_QUA_HAN: late.where(started).scalar(),
        S.DANG_THUC_HIEN_TRONG_HAN: in_time.where(started).scalar(),
    }
    n[S.HOAN_THANH_QUA_HAN] = done_dated.scalar() - n[S.HOAN_THANH_DUNG_HAN]
    n[S.CHUA_THUC_HIEN_QUA_HAN] = late.scalar() - n[S.DANG_THUC_HIEN_QUA_HAN]
    n[S.CHUA_THUC_HIEN_TRONG_HAN] = in_time.scalar() - n[S.DANG_THUC_HIEN_TRONG_HAN]
    return {st: c for st, c in n.items() if c}


def attach_unit_names(tasks):
    """Set task.other_units = [(role, Unit)] for a page of tasks in one query."""
    by_task = {t.id: t for t in tasks}
    for t in tasks:
        t.other_units = []
    if not by_task:
        return tasks
    q = (
        TaskUnit.select(TaskUnit, Unit)
        .join(Unit)
        .where(TaskUnit.task.in_(list(by_task)))
        .order_by(Unit.sort_order, Unit.name)
    )
    for link in q:
        by_task[link.task_id].other_units.append((link.role, link.unit))
    return tasks


# Page assembly: which records each register page shows (views only attach forms).


def list_page(user, f: Filters, today, calendar, days, secret=False, per_page=50):
    """The rows of one page of the task list, with the marks the list shows, and the total."""
    rows, total = task_list(user, f, today, calendar, days, secret=secret, per_page=per_page)
    attach_unit_names(rows)
    for t in rows:
        t.due_soon = rules.due_soon(t, today, calendar, days)
        t.registration_late = rules.registration_late(t)  # R-6.1b, the one rule
    return rows, total


def document_page(doc, today, viewer):
    """A directive document's page: its tasks with their status, and its history."""
    from inspection import history

    tasks = list(
        Task.select(Task, status_case(today).alias("status_code"))
        .where(Task.document == doc)
        .order_by(Task.id)
        .objects()
    )
    attach_unit_names(tasks)
    return {"doc": doc, "tasks": tasks, "history": history.for_record(doc, viewer)}


def task_page(task, today, calendar, days, viewer):
    """A task's page: status and R-6.1b/R-6.3 marks, its units, updates, extensions, periods, history."""
    from inspection import history
    from inspection.register.models import DeadlineExtension, ProgressUpdate, TaskPeriod

    units = [task.lead_unit] + [
        link.unit for link in TaskUnit.select(TaskUnit, Unit).join(Unit).where(TaskUnit.task == task)
    ]
    updates = list(
        ProgressUpdate.select()
        .where(ProgressUpdate.task == task)
        .order_by(ProgressUpdate.on_date.desc(), ProgressUpdate.id.desc())
    )
    periods = list(TaskPeriod.select().where(TaskPeriod.task == task).order_by(TaskPeriod.deadline))
    doc = task.document
    return dict(
        task=task,
        doc=doc,
        units=units,
        today=today,
        status=rules.status(task, today, calendar),
        due_soon=rules.due_soon(task, today, calendar, days),
        registration_late=rules.registration_late(task),  # R-6.1b, the one rule
        registration_due=task.registration_due_on,
        result_late=rules.result_entry_late(  # R-6.3b, the one rule
            task, today, calendar, issuer_kind=doc.issuer_kind, updated_on=_entered_on(updates), periods=periods
        ),
        result_due=rules.result_entry_due(task.deadline, calendar) if task.deadline else None,
        within_original=rules.finished_within_original(task),
        updates=updates,
        result_file_id=result_file_id(updates),  # g6-api: the result's document (issue 15)
        extensions=list(task.extensions.order_by(DeadlineExtension.recorded_at)),
        periods=periods,
        history=history.for_record(task, viewer),
        urgings=_urgings(task),
        RECURRENCE_LABELS=rules.RECURRENCE_LABELS,
    )


def result_file_id(updates):
    """The file of the task's result document: the latest update complete_task stored it with."""
    from inspection.register.operations import RESULT_NOTE

    return next((u.attachment_id for u in updates if u.text == RESULT_NOTE and u.attachment_id), None)


def _entered_on(updates):
    """The days progress updates were entered (R-6.3b counts entry, not the date they report)."""
    return [u.created_at.date() for u in updates]


def _urgings(task):
    """The task's urgings (R-9), from the monitoring part; none for a secret task (R-5.2)."""
    from inspection.monitoring.urging_queries import task_urgings

    return [] if task.is_secret else task_urgings(task)
