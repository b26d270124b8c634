"""The Province's export (issue 15, R-5.1, R-20.1): tasks assigned by the Province, as they
stood on a date, for the Province's tracking software, as JSON and CSV.

"As they stood": a completion, a return or a start dated after `as_of` had not happened yet,
and a deadline extended after it was still the old one (monitoring/sql.deadline_as_of, the
rule the dashboards use). The status is then the register's own rule (register/rules.status).
"""

import copy
import csv
import datetime
import io

from peewee import JOIN

from inspection.accounts.models import Unit
from inspection.monitoring.sql import as_date, deadline_as_of, extended_after
from inspection.register import queries as register_queries
from inspection.register import rules
from inspection.register.models import ISSUER_KINDS, DirectiveDocument, Task, TaskUnit

PROVINCE = ("ubnd_tinh", "chu_tich", "pho_chu_tich", "vp_ubnd_tinh")  # the Province's issuers
MAX_DAYS = 366
COLUMNS = (
    "task_id",
    "number_symbol",
    "issuer",
    "issued_on",
    "received_on",
    "abstract",
    "summary",
    "lead_unit",
    "other_units",
    "monitor_officer",
    "deadline",
    "status",
    "status_label",
    "completed_on",
    "result_doc_number",
    "result_doc_date",
)


def _as_it_stood(task, as_of):
    then = copy.copy(task)
    then.deadline = as_date(task.deadline_then)  # a CASE over a subquery comes back as text
    if task.completed_on and task.completed_on > as_of:
        then.is_completed, then.completed_on = False, None
    if task.returned_on and task.returned_on > as_of:
        then.returned_on = None
    if task.started_on and task.started_on > as_of:
        then.started_on = None
    return then


def _other_units(task_ids):
    names = {}
    q = TaskUnit.select(TaskUnit.task, Unit.name).join(Unit).where(TaskUnit.task.in_(task_ids)).tuples()
    for task_id, name in q:
        names.setdefault(task_id, []).append(name)
    return names


def rows(user, start: datetime.date, end: datetime.date, as_of: datetime.date, calendar):
    """The Province's tasks received in [start, end] that `user` may see (never secret, R-5.2)."""
    later = extended_after(as_of)
    tasks = list(
        Task.select(Task, DirectiveDocument, Unit, deadline_as_of(as_of, later).alias("deadline_then"))
        .join(DirectiveDocument, on=(Task.document == DirectiveDocument.id))
        .switch(Task)
        .join(Unit, JOIN.INNER, on=(Task.lead_unit == Unit.id))
        .where(
            register_queries.scope_condition(user, secret=False)
            & DirectiveDocument.issuer_kind.in_(PROVINCE)
            & DirectiveDocument.received_on.between(start, end)
            & (DirectiveDocument.received_on <= as_of)
        )
        .order_by(DirectiveDocument.received_on, Task.id)
        .objects()
    )
    others = {}
    for i in range(0, len(tasks), 5000):
        others.update(_other_units([t.id for t in tasks[i : i + 5000]]))
    out = []
    for t in tasks:
        then = _as_it_stood(t, as_of)
        status = rules.status(then, as_of, calendar)
        doc = t.document
        out.append(
            {
                "task_id": t.id,
                "number_symbol": doc.number_symbol,
                "issuer": ISSUER_KINDS.get(doc.issuer_kind, doc.issuer_kind),
                "issued_on": doc.issued_on,
                "received_on": doc.received_on,
                "abstract": doc.abstract,
                "summary": t.summary,
                "lead_unit": t.lead_unit.name,
                "other_units": others.get(t.id, []),
                "monitor_officer": t.monitor_officer_name,
                "deadline": then.deadline,
                "status": status.value,
                "status_label": status.label,
                "completed_on": then.completed_on,
                "result_doc_number": t.result_doc_number if then.is_completed else "",
                "result_doc_date": t.result_doc_date if then.is_completed else None,
            }
        )
    return out


def _cell(value):
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = "" if value is None else str(value)
    # A cell starting with = + - @ would run as a formula when the file is opened in Excel.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def to_csv(items) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so Excel reads the Vietnamese letters right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for item in items:
        writer.writerow([_cell(item[c]) for c in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
