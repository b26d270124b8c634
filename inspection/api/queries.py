"""What the API answers: plain dicts of the register's rows, computed as its pages compute them.

The status and the marks come from the register's own rules (register/rules.py and its SQL
twin), never recomputed here. Secret rows (R-5.2) reach these functions only for users the
policy lets see the secret register.
"""

from peewee import fn

from inspection.accounts.models import Unit
from inspection.pagination import paginate
from inspection.register import queries as register_queries
from inspection.register import rules
from inspection.register.models import DirectiveDocument, Task
from inspection.register.rules import Status


def _unit(unit):
    return {"id": unit.id, "name": unit.name}


def task_dict(task, status: Status, due_soon: bool, refs=None):
    """One task with its computed status and marks (R-5.1e, R-6.1b).

    `refs` = (numbers by document id, units by id) for a page, loaded in two queries;
    without it the task's own document and lead unit are read.
    """
    numbers, units = refs or ({}, {})
    fields = [
        "summary",
        "kind",
        "deadline",
        "original_deadline",
        "recurrence",
        "is_key",
        "registered_on",
        "registration_due_on",
        "is_completed",
        "completed_on",
        "result_text",
        "result_doc_number",
        "result_doc_date",
        "returned_on",
        "return_reason",
        "is_secret",
        "version",
        "updated_at",
    ]
    out = {name: getattr(task, name) for name in fields}
    out.update(
        id=task.id,
        document_id=task.document_id,
        number_symbol=numbers[task.document_id] if numbers else task.document.number_symbol,
        lead_unit=units[task.lead_unit_id] if units else _unit(task.lead_unit),
        other_units=[_unit(u) for _role, u in getattr(task, "other_units", [])],
        status=status.value,
        status_label=status.label,
        overdue=status.is_overdue,
        due_soon=bool(due_soon),
        registration_late=bool(rules.registration_late(task)),  # R-6.1b, the one rule
        recurrence=task.recurrence or "",
        summary=task.summary or "",
        # Stored as the server's local time; RFC 3339 (OpenAPI's date-time) wants the offset.
        updated_at=task.updated_at.astimezone() if task.updated_at else None,
    )
    return out


def task_page(user, f, today, calendar, days, secret, per_page):
    """One page of the register as the list shows it (the same query, filters and order)."""
    rows, total = register_queries.list_page(user, f, today, calendar, days, secret, per_page)
    refs = page_refs(rows)
    items = [task_dict(t, Status(t.status_code), t.due_soon, refs) for t in rows]
    pages = max(1, -(-total // per_page))
    return {"items": items, "page": f.page, "per_page": per_page, "total": total, "pages": pages}


def page_refs(tasks):
    """Document numbers and lead units of a page of tasks, in two queries (not two per row)."""
    doc_ids = list({t.document_id for t in tasks})
    unit_ids = list({t.lead_unit_id for t in tasks})
    numbers = dict(
        DirectiveDocument.select(DirectiveDocument.id, DirectiveDocument.number_symbol)
        .where(DirectiveDocument.id.in_(doc_ids))
        .tuples()
    )
    units = {i: {"id": i, "name": n} for i, n in Unit.select(Unit.id, Unit.name).where(Unit.id.in_(unit_ids)).tuples()}
    return numbers, units


def one_task(task, today, calendar, days):
    register_queries.attach_unit_names([task])
    return task_dict(task, rules.status(task, today, calendar), rules.due_soon(task, today, calendar, days))


def document_dict(doc, today, calendar, days):
    """A directive document with its tasks."""
    tasks = list(Task.select().where(Task.document == doc).order_by(Task.id))
    register_queries.attach_unit_names(tasks)
    out = {
        name: getattr(doc, name)
        for name in [
            "id",
            "number_symbol",
            "doc_type",
            "issuer_kind",
            "issuer_name",
            "signer",
            "issued_on",
            "received_on",
            "channel",
            "abstract",
            "secret_level",
            "is_complex",
            "version",
        ]
    }
    out["has_scan"] = doc.scan_id is not None
    out["tasks"] = [
        task_dict(t, rules.status(t, today, calendar), rules.due_soon(t, today, calendar, days)) for t in tasks
    ]
    return out


def document_page(user, secret, page, per_page, received_from=None, received_to=None):
    """One page of directive documents the user may see, newest received first (R-5.2)."""
    d = DirectiveDocument
    cond = (d.secret_level != "") if secret else (d.secret_level == "")
    if not user.is_office:
        cond &= d.id.in_(Task.select(Task.document).where(register_queries.unit_condition(user.unit_id or 0)))
    if received_from:
        cond &= d.received_on >= received_from
    if received_to:
        cond &= d.received_on <= received_to
    query = d.select().where(cond).order_by(d.received_on.desc(nulls="LAST"), d.id.desc())
    result = paginate(query, page, per_page, total=d.select(fn.COUNT(d.id)).where(cond).scalar())
    fields = [
        "id",
        "number_symbol",
        "doc_type",
        "issuer_kind",
        "issuer_name",
        "issued_on",
        "received_on",
        "abstract",
        "version",
    ]
    items = [{name: getattr(doc, name) for name in fields} for doc in result.items]
    return {"items": items, "page": result.number, "per_page": per_page, "total": result.total, "pages": result.pages}


def units():
    """Every unit of the Department, in the lists' order."""
    rows = Unit.select().order_by(Unit.sort_order, Unit.name)
    return [
        {
            "id": u.id,
            "name": u.name,
            "abbreviation": u.abbreviation,
            "kind": u.kind,
            "parent_id": u.parent_id,
            "active": u.active,
        }
        for u in rows
    ]


# --- g6-api: issued documents, a page of the outgoing register (issue 15) ---------------------


def issued_page(secret, page, per_page, year=None, kind=None, since=None):
    """Issued (numbered, frozen) documents, newest first; secret ones only when asked (R-5.2).

    The caller has checked the policy: an ordinary list never holds a secret document.
    """
    from inspection.documents import kinds
    from inspection.documents.models import ISSUED, OutgoingDocument

    d = OutgoingDocument
    cond = (d.state == ISSUED) & (d.secret == bool(secret))
    if year is not None:
        cond &= d.year == year
    if kind is not None:
        cond &= d.kind == kind
    if since is not None:
        cond &= d.issued_on >= since
    query = d.select().where(cond).order_by(d.issued_on.desc(nulls="LAST"), d.number.desc(), d.id.desc())
    result = paginate(query, page, per_page, total=d.select(fn.COUNT(d.id)).where(cond).scalar())
    labels = {k: kinds.get(k).name_vi for k in {doc.kind for doc in result.items} if k in kinds.NAMES}
    items = [
        {
            "id": doc.id,
            "number": doc.number_text,
            "issued_on": doc.issued_on,
            "kind": doc.kind,
            "kind_label": labels.get(doc.kind, doc.kind),
            "abstract": doc.abstract,
            "signer_name": doc.signer_name,
            "signer_title": doc.signer_title,
            "files": {"docx": doc.docx_file_id is not None, "pdf": doc.pdf_file_id is not None},
        }
        for doc in result.items
    ]
    return {"items": items, "page": result.number, "per_page": per_page, "total": result.total, "pages": result.pages}
