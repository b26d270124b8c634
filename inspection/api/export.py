"""The Province's export (issue 15, R-5.1, R-20.1): tasks assigned by the Province, as they
stood on a date, for the Province's tracking software, as JSON and CSV.

"As they stood": a completion, a return or a start dated after `as_of` had not happened yet,
and a deadline extended after it was still the old one (monitoring/sql.deadline_as_of, the
rule the dashboards use). The status is then the register's own rule (register/rules.status).
"""

import csv
import datetime
import io
from types import SimpleNamespace

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


def _as_it_stood(row, as_of):
    """The facts of a task on `as_of`: what happened later had not happened yet."""
    later = lambda day: day is not None and as_date(day) > as_of  # noqa: E731
    completed_later = later(row["completed_on"])
    return SimpleNamespace(
        deadline=as_date(row["deadline_then"]),  # a CASE over a subquery comes back as text
        is_completed=bool(row["is_completed"]) and not completed_later,
        completed_on=None if completed_later else as_date(row["completed_on"]),
        returned_on=None if later(row["returned_on"]) else as_date(row["returned_on"]),
        started_on=None if later(row["started_on"]) else as_date(row["started_on"]),
    )


def _other_units(task_ids):
    names = {}
    q = TaskUnit.select(TaskUnit.task, Unit.name).join(Unit).where(TaskUnit.task.in_(task_ids)).tuples()
    for task_id, name in q:
        names.setdefault(task_id, []).append(name)
    return names


def rows(user, start: datetime.date, end: datetime.date, as_of: datetime.date, calendar):
    """The Province's tasks received in [start, end] that `user` may see (never secret, R-5.2).

    Plain rows (`.dicts()`), not model objects: a year of the Province's tasks is tens of
    thousands of rows, and building three models per row cost ten times the query.
    """
    doc = DirectiveDocument
    found = (
        Task.select(
            Task.id,
            doc.number_symbol,
            doc.issuer_kind,
            doc.issued_on,
            doc.received_on,
            doc.abstract,
            Task.summary,
            Unit.name.alias("lead_unit"),
            Task.monitor_officer_name,
            deadline_as_of(as_of, extended_after(as_of)).alias("deadline_then"),
            Task.is_completed,
            Task.completed_on,
            Task.returned_on,
            Task.started_on,
            Task.result_doc_number,
            Task.result_doc_date,
        )
        .join(doc, on=(Task.document == doc.id))
        .switch(Task)
        .join(Unit, on=(Task.lead_unit == Unit.id))
        .where(
            register_queries.scope_condition(user, secret=False)
            & doc.issuer_kind.in_(PROVINCE)
            & doc.received_on.between(start, end)
            & (doc.received_on <= as_of)
        )
        .order_by(doc.received_on, Task.id)
        .dicts()
    )
    found = list(found)
    others = {}
    for i in range(0, len(found), 5000):
        others.update(_other_units([r["id"] for r in found[i : i + 5000]]))
    return [_row(r, as_of, calendar, others.get(r["id"], [])) for r in found]


def _row(r, as_of, calendar, other_units):
    then = _as_it_stood(r, as_of)
    status = rules.status(then, as_of, calendar)
    return {
        "task_id": r["id"],
        "number_symbol": r["number_symbol"],
        "issuer": ISSUER_KINDS.get(r["issuer_kind"], r["issuer_kind"]),
        "issued_on": as_date(r["issued_on"]),
        "received_on": as_date(r["received_on"]),
        "abstract": r["abstract"],
        "summary": r["summary"],
        "lead_unit": r["lead_unit"],
        "other_units": other_units,
        "monitor_officer": r["monitor_officer_name"],
        "deadline": then.deadline,
        "status": status.value,
        "status_label": status.label,
        "completed_on": then.completed_on,
        "result_doc_number": r["result_doc_number"] if then.is_completed else "",
        "result_doc_date": as_date(r["result_doc_date"]) if then.is_completed else None,
    }


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
