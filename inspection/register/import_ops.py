"""Commit a parsed register sheet: all rows in one transaction, or none (issue 3, R-5.1, R-7).

Rules of the import (docs/register-excel.md):
- A sheet with any row error commits nothing: the user fixes the sheet or the mapping.
- A task already imported (same `source_key`: document number, issuer, year, summary,
  lead unit) is not created again, so importing the same sheet twice duplicates nothing.
- Rows with the same number/issuer/year share one directive document; a document already
  in the register is reused.
- Imported entries are ordinary (not secret, R-5.2); each created record gets a history entry.
Everything is written with bulk statements (no query per row) so 10,000 rows stay fast.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from inspection import audit, clock
from inspection.accounts.models import Unit, User
from inspection.audit import AuditEntry, _plain
from inspection.db import db
from inspection.errors import ValidationFailed
from inspection.register import excel_cells as cells
from inspection.register import rules
from inspection.register.models import DirectiveDocument, Task, TaskPeriod, TaskUnit, document_keys, task_search_text
from inspection.text import fold

CHUNK = 300  # rows per INSERT/SELECT ... IN (...): well under SQLite's variable limit
RECURRENCE_HORIZON_DAYS = 366  # as register.operations does for a registered recurring task


@dataclass
class ImportPlan:
    """What a commit would do: new tasks, tasks already imported, documents to create."""

    new_rows: list = field(default_factory=list)
    existing_rows: list = field(default_factory=list)
    new_documents: int = 0


@dataclass
class ImportSummary:
    tasks_created: int = 0
    tasks_existing: int = 0
    documents_created: int = 0
    documents_reused: int = 0


def _chunks(items, size=CHUNK):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i : i + size]


def bulk_insert(model, rows):
    """INSERT many rows with one prepared statement (executemany): peewee's insert_many builds
    the SQL value by value, too slow for 10,000 rows. Values go through each field's db_value."""
    if not rows:
        return
    fields = [model._meta.fields[name] for name in rows[0]]
    # Columns left out get the model's defaults, as Model.create would give them.
    defaults = [
        f
        for f in model._meta.sorted_fields
        if f.name not in rows[0] and f.default is not None and f is not model._meta.primary_key
    ]
    columns = ", ".join(f'"{f.column_name}"' for f in fields + defaults)
    marks = ", ".join([db.obj.param] * (len(fields) + len(defaults)))
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    params = [
        tuple(f.db_value(row[f.name]) for f in fields)
        + tuple(f.db_value(f.default() if callable(f.default) else f.default) for f in defaults)
        for row in rows
    ]
    db.cursor().executemany(sql, params)


def active_units():
    """Units as the parser wants them (plain dicts), active ones only."""
    return list(Unit.select(Unit.id, Unit.name, Unit.abbreviation, Unit.aliases).where(Unit.active == True).dicts())  # noqa: E712


def _existing_keys(keys):
    found = set()
    for chunk in _chunks(keys):
        found.update(k for (k,) in Task.select(Task.source_key).where(Task.source_key.in_(chunk)).tuples())
    return found


def _existing_documents(rows):
    """{document key: (id, secret_level)} of documents already registered."""
    wanted = {r["doc_key"] for r in rows}
    out = {}
    for chunk in _chunks({k[0] for k in wanted}):
        q = (
            DirectiveDocument.select(
                DirectiveDocument.id,
                DirectiveDocument.number_key,
                DirectiveDocument.issuer_kind,
                DirectiveDocument.issuer_key,
                DirectiveDocument.issued_year,
                DirectiveDocument.secret_level,
            )
            # an ordinary sheet only meets ordinary documents (secret numbers are a sequence apart).
            .where(DirectiveDocument.number_key.in_(chunk) & (DirectiveDocument.secret_level == ""))
            .tuples()
        )
        for doc_id, *key, secret_level in q:
            if tuple(key) in wanted:
                out[tuple(key)] = (doc_id, secret_level)
    return out


def plan_import(rows) -> ImportPlan:
    """Tell which parsed rows would create tasks and which are already in the register."""
    existing = _existing_keys(r["source_key"] for r in rows)
    plan = ImportPlan()
    for r in rows:
        (plan.existing_rows if r["source_key"] in existing else plan.new_rows).append(r)
    docs = _existing_documents(plan.new_rows)
    plan.new_documents = len({r["doc_key"] for r in plan.new_rows} - set(docs))
    return plan


def commit_import(user, result, *, as_of, calendar, today=None) -> ImportSummary:
    """Write every row of a clean parse in one transaction; refuse a sheet that has errors."""
    if result.errors:
        raise ValidationFailed(
            f"Bảng tính còn {len(result.errors)} lỗi nên chưa nhập dòng nào; "
            "hãy sửa bảng tính hoặc cách ghép cột rồi nhập lại."
        )
    today = today or clock.today()
    as_of = min(as_of or today, today)
    with db.atomic():
        _check_units_still_active(result.rows)
        plan = plan_import(result.rows)
        summary = ImportSummary(tasks_existing=len(plan.existing_rows))
        if not plan.new_rows:
            return summary
        docs = _existing_documents(plan.new_rows)
        summary.documents_reused = len({r["doc_key"] for r in plan.new_rows} & set(docs))
        created_docs = _insert_documents(user, plan.new_rows, docs)
        summary.documents_created = len(created_docs)
        task_ids = _insert_tasks(user, plan.new_rows, docs, calendar, as_of)
        _insert_links(plan.new_rows, task_ids)
        _audit(user, "directive_document", created_docs)
        _audit(user, "task", task_ids)
        summary.tasks_created = len(task_ids)
    return summary


def _check_units_still_active(rows):
    used = set()
    for r in rows:
        t = r["task"]
        used.update([t["lead_unit_id"], *t["joint_unit_ids"], *t["cooperating_unit_ids"]])
        if t["monitor_unit_id"]:
            used.add(t["monitor_unit_id"])
    active = set()
    for chunk in _chunks(used):
        active.update(i for (i,) in Unit.select(Unit.id).where(Unit.id.in_(chunk) & (Unit.active == True)).tuples())  # noqa: E712
    if used - active:
        raise ValidationFailed("Danh mục đơn vị vừa thay đổi; hãy xem trước lại bảng tính rồi mới nhập.")


def _insert_documents(user, rows, docs):
    """Create the documents not yet registered; fill `docs` with every key's id."""
    new = {}
    for r in rows:
        key = r["doc_key"]
        if key not in docs and key not in new:
            d = r["document"]
            new[key] = {
                **d,
                **document_keys(d["number_symbol"], d["issuer_kind"], d["issuer_name"], d["issued_on"]),
                "channel": "eoffice",
                "secret_level": "",
                "created_by": getattr(user, "id", None),
                "created_at": clock.now(),
            }
    bulk_insert(DirectiveDocument, list(new.values()))
    created = _existing_documents([r for r in rows if r["doc_key"] in new])
    docs.update(created)
    return {doc_id: new[key] for key, (doc_id, _level) in created.items()}


def _officers():
    """{folded full name: user id} of active users, for 'Văn phòng Sở - Trần Văn Bình'."""
    return {fold(name): uid for uid, name in User.select(User.id, User.full_name).where(User.active == True).tuples()}  # noqa: E712


def _task_values(user, r, doc_id, calendar, as_of, officers):
    """Column values of one new task, progress states turned into dates."""
    t, d = r["task"], r["document"]
    now = clock.now()
    deadline = t["deadline"]
    periods = []
    if t["recurrence"]:
        start = d["received_on"]
        periods = rules.period_deadlines(
            t["recurrence"], t["recurrence_day"], start, start + datetime.timedelta(days=RECURRENCE_HORIZON_DAYS)
        )
        deadline = periods[0][1] if periods else None
    state = t["state"]
    completed = state == cells.COMPLETED
    values = {
        "document": doc_id,
        "summary": t["summary"],
        "kind": t["kind"],
        "lead_unit": t["lead_unit_id"],
        "monitor_unit": t["monitor_unit_id"],
        "monitor_officer_name": t["monitor_officer_name"],
        "monitor_officer": officers.get(fold(t["monitor_officer_name"])) if t["monitor_officer_name"] else None,
        "deadline": deadline,
        "original_deadline": deadline,
        "recurrence": t["recurrence"],
        "recurrence_day": t["recurrence_day"],
        "is_key": False,
        "registered_on": t["registered_on"],
        "registration_due_on": rules.registration_due(d["received_on"], d.get("is_complex", False), calendar),  # R-6.1b
        # The sheet says "in progress" as of its update date; the real start date is unknown.
        "started_on": as_of if state == cells.IN_PROGRESS else None,
        "is_completed": completed,
        # "Đã báo cáo ... ngày 12/10/2026": the report's date; "Đã hoàn thành": unknown (None).
        "completed_on": t["result_doc_date"] if completed else None,
        "result_text": t["result_text"] if state != cells.RETURNED else "",
        "result_doc_number": t["result_doc_number"],
        "result_doc_date": t["result_doc_date"],
        "result_entered_on": as_of if completed else None,
        "returned_on": as_of if state == cells.RETURNED else None,
        "return_reason": t["result_text"] if state == cells.RETURNED else "",
        "is_secret": False,
        "source_key": r["source_key"],
        "version": 1,
        "created_at": now,
        "updated_at": now,
        "search_text": task_search_text(d["number_symbol"], d["abstract"], t["summary"]),
    }
    return values, periods


def _insert_tasks(user, rows, docs, calendar, as_of):
    """Insert the tasks (and periods of recurring ones); return {task id: values}."""
    officers = _officers()
    values, periods = [], {}
    for r in rows:
        v, p = _task_values(user, r, docs[r["doc_key"]][0], calendar, as_of, officers)
        values.append(v)
        if p:
            periods[r["source_key"]] = p
    bulk_insert(Task, values)
    ids = {}
    by_key = {v["source_key"]: v for v in values}
    for chunk in _chunks(by_key):
        for task_id, key in Task.select(Task.id, Task.source_key).where(Task.source_key.in_(chunk)).tuples():
            ids[task_id] = by_key[key]
            by_key[key]["id"] = task_id
    period_rows = [
        {"task": by_key[k]["id"], "period_label": label, "deadline": day}
        for k, ps in periods.items()
        for label, day in ps
    ]
    bulk_insert(TaskPeriod, period_rows)
    return ids


def _insert_links(rows, task_ids):
    id_of = {v["source_key"]: tid for tid, v in task_ids.items()}
    links = []
    for r in rows:
        t, tid = r["task"], id_of[r["source_key"]]
        links += [{"task": tid, "unit": u, "role": "joint"} for u in t["joint_unit_ids"]]
        links += [{"task": tid, "unit": u, "role": "cooperate"} for u in t["cooperating_unit_ids"]]
    bulk_insert(TaskUnit, links)


def _audit(user, table, records):
    """One 'create' history entry per created record (R-7), written in bulk."""
    now = clock.now()
    entries = [
        {
            "at": now,
            "user": getattr(user, "id", None),
            "username": getattr(user, "username", "") or "nhập Excel",
            "action": "create",
            "table": table,
            "record_id": rid,
            "before": None,
            "after": json.dumps(
                {k: _plain(v) for k, v in {**vals, "id": rid}.items()}, ensure_ascii=False, default=str
            ),
        }
        for rid, vals in records.items()
    ]
    bulk_insert(AuditEntry, audit.chained(entries))
