"""The change history ("Lịch sử thay đổi") as people read it (issue 14).

`audit.py` keeps what changed in the codes the database holds; this module turns entries into
what a reader understands: the person's name and title (never a username), Vietnamese field
labels and values (state names, yes/no, kinds), referenced records by their names (a unit's
name, a document's number — never "Đơn vị chủ trì: 7"), dates as dd/mm/yyyy and moments as
dd/mm/yyyy hh:mm in Vietnam's time zone. Internal fields (ids, creation and freezing stamps,
search keys) are not shown.

Readers outside the Department's office and leadership (unit heads and officers, inspected
units) see what concerns them, not the Office's internal steps: the monitoring assignments of a
task, the drafting of a case before the Director's decision, internal notes.

References are resolved with one query per referenced table for the whole page.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from peewee import BooleanField, DateField, DateTimeField, ForeignKeyField

from inspection import audit, field_labels
from inspection.accounts import roles
from inspection.accounts.models import User
from inspection.audit import SECRET_PREFIX
from inspection.db import BaseModel
from inspection.text import vn_date

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
EMPTY = "—"
SYSTEM = "Hệ thống"
REMOVED = "(đã xóa)"

# Never shown to anyone: ids and bookkeeping of the software itself (the issue names
# created_at, frozen_at and ids).
INTERNAL = field_labels.HIDDEN | {
    "id",
    "created_at",
    "created_by",
    "frozen_at",
    "scope_frozen_at",
    "template_version",
    "subject_type",
    "subject_id",
    "source_ref",
    "package_name",
    "page_count",
    "drafting_unit_abbr",
    "context",
    "dedup_key",
}
# Shown to the Office and leadership only: how the Office organises its own work.
OFFICE_ONLY = {
    "monitor_officer",
    "monitor_officer_name",
    "monitor_unit",
    "registration_due_on",
    "registered_on",
    "ground_note",
    "presider",
    "plan_item",
    "remarks",
    "note",
    "secret",
    "docx_file",
    "pdf_file",
}
# Shown to the Office and leadership only, in one table: the team's texts of its report to the
# Director, drafted while the inspection runs; the unit reads the conclusions in the
# notice it receives (issue 14).
OFFICE_ONLY_BY_TABLE = {
    "inspection_case": {"overview", "strengths", "weaknesses", "causes", "conclusion", "report_back_by"},
}
_DRAFT_STATES = {"inspection_case": ("du_thao",), "outgoing_document": ("draft", "submitted", "issuing")}


@dataclass
class Change:
    label: str
    old: str | None
    new: str | None


@dataclass
class Row:
    at: str
    who: str
    action: str
    secret: bool
    changes: list[Change] = field(default_factory=list)


def moment(value) -> str:
    """dd/mm/yyyy hh:mm in Vietnam's time zone (stored moments are the server's local time)."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    return value.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")


def office_reader(viewer) -> bool:
    """The Office, leadership, administrators and archivists read every step."""
    return bool(getattr(viewer, "role_set", frozenset()) & (roles.OFFICE | {roles.ADMIN, roles.ARCHIVIST}))


def for_record(obj, viewer) -> list[Row]:
    """The history of one record as `viewer` reads it (secret entries only with clearance)."""
    return readable(audit.history_for(obj, viewer=viewer), viewer)


def readable(entries, viewer) -> list[Row]:
    """The rows of a history page for `viewer`, newest first as given."""
    office = office_reader(viewer)
    if not office:
        entries = _after_drafting(entries)
    hidden = INTERNAL if office else INTERNAL | OFFICE_ONLY
    parsed = [(entry, _load(entry.before), _load(entry.after)) for entry in entries]
    names = _Names()
    for entry, old, new in parsed:
        names.want(User, entry.__data__.get("user"))
        if not entry.secret:
            model = _model(entry.table)
            for key in set(old) | set(new):
                names.want_field(model, key, old.get(key), new.get(key))
    names.resolve()
    rows = []
    for entry, old, new in parsed:
        row = Row(
            at=moment(entry.at),
            who=names.person(entry.__data__.get("user"), entry.username),
            action=entry.action_label,
            secret=entry.secret,
        )
        table_hidden = set() if office else OFFICE_ONLY_BY_TABLE.get(entry.table.removeprefix(SECRET_PREFIX), set())
        keys = [k for k in sorted(set(old) | set(new)) if k not in hidden and k not in table_hidden]
        model = _model(entry.table)
        for key in keys:
            if entry.secret:
                row.changes.append(Change(field_labels.label(key, entry.table), None, None))
            elif old.get(key) != new.get(key):
                row.changes.append(
                    Change(
                        field_labels.label(key, entry.table),
                        display(model, key, old.get(key), names) if entry.before else None,
                        display(model, key, new.get(key), names) if entry.after else None,
                    )
                )
        if row.changes or entry.action not in ("update",):
            rows.append(row)
    return rows


def display(model, key, value, names) -> str:
    """One value as a reader sees it."""
    if value is None or value == "":
        return EMPTY
    column = model._meta.fields.get(key) if model else None
    if isinstance(column, ForeignKeyField):
        return names.name(column.rel_model, value)
    if isinstance(column, BooleanField) or isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(column, DateTimeField):
        return moment(value)
    if isinstance(column, DateField):
        return vn_date(datetime.date.fromisoformat(str(value)[:10]))
    table = model._meta.table_name if model else ""
    choices = _choices(table, key)
    if choices is not None:
        parts = str(value).split(",") if key in _LISTS else [value]
        return ", ".join(str(choices.get(p, choices.get(str(p), p))) for p in parts if p != "")
    if isinstance(value, dict):
        return "; ".join(str(v) for v in value.values() if v not in (None, ""))
    return str(value)


_LISTS = {"roles", "content_items"}


def _choices(table, key):
    """The Vietnamese names of a coded value, or None for free text."""
    from inspection.accounts.models import UNIT_KINDS
    from inspection.cases import rules as cases
    from inspection.documents import kinds, signers
    from inspection.documents import models as documents
    from inspection.dossier import models as dossier
    from inspection.dossier import rules as dossier_rules
    from inspection.monitoring.rules import URGING_CHANNELS
    from inspection.register import models as register
    from inspection.register import rules as register_rules

    by_table = {
        ("inspection_case", "state"): cases.STATE_LABELS,
        ("inspection_plan", "state"): cases.PLAN_LABELS,
        ("dossier", "state"): dossier.STATE_LABELS,
        ("outgoing_document", "state"): documents.STATE_LABELS,
        ("outgoing_document", "kind"): {name: kinds.get(name).name_vi for name in kinds.NAMES},
        ("outgoing_document", "signer_key"): signers.LABELS,  # c1-sign
        ("signature_round", "outcome"): documents.OUTCOME_LABELS,  # c1-sign
        ("directive_document", "channel"): register.CHANNELS,
        ("urging", "channel"): URGING_CHANNELS,
        ("task", "kind"): register.TASK_KINDS,
        ("unit", "kind"): UNIT_KINDS,
        ("recommendation", "kind"): cases.REC_LABELS,
        ("finding", "result"): cases.RESULT_LABELS,
        ("dossier_item", "source"): dossier.SOURCE_LABELS,
        ("dossier_item", "component"): dossier_rules.COMPONENT_NAMES,
    }
    by_field = {
        "doc_type": register.DOC_TYPES,
        "issuer_kind": register.ISSUER_KINDS,
        "recurrence": register_rules.RECURRENCE_LABELS,
        "form": cases.FORM_LABELS,
        "ground": cases.GROUND_LABELS,
        "role": cases.ROLE_LABELS,
        "roles": roles.LABELS,
        "content_items": cases.CONTENT_ITEMS,
        "status_code": register_rules.STATUS_LABELS,
    }
    found = by_table.get((table, key), by_field.get(key))
    if found is None:
        return None
    return {k: (v if isinstance(v, str) else getattr(v, "label", None) or str(v)) for k, v in found.items()}


def _load(text):
    return json.loads(text) if text else {}


def _after_drafting(entries):
    """Leave out what happened while a case or document was still the Office's draft.

    An update names only the fields it changed, so the state is carried forward record by record
    (oldest first): a drafting step without a state ("Số nhiệm vụ trong phạm vi: 0 → 5") is
    still a drafting step (issue 14)."""
    state, drafting = {}, set()
    for entry in sorted(entries, key=lambda e: (e.at, e.id)):
        drafts = _DRAFT_STATES.get(entry.table)
        if not drafts:
            continue
        key = (entry.table, entry.record_id)
        old, new = _load(entry.before), _load(entry.after)
        state[key] = new.get("state", old.get("state", state.get(key)))
        if state[key] in drafts:
            drafting.add(entry.id)
    return [entry for entry in entries if entry.id not in drafting]


def _models():
    found, stack = {}, list(BaseModel.__subclasses__())
    while stack:
        model = stack.pop()
        found.setdefault(model._meta.table_name, model)
        stack.extend(model.__subclasses__())
    return found


def _model(table):
    return _models().get(table.removeprefix(SECRET_PREFIX))


def _name_of(obj) -> str:
    """How a referenced record is named for a reader."""
    if getattr(obj, "is_secret", False):
        return "Nhiệm vụ mật"  # a reference never names a secret record
    if isinstance(obj, User):
        return f"{obj.full_name} ({obj.title})" if obj.title else obj.full_name
    for attribute in ("number_text", "number_symbol", "original_name", "name", "code", "title", "summary", "content"):
        value = getattr(obj, attribute, None)
        if isinstance(value, str) and value.strip():
            return value if len(value) <= 80 else value[:79] + "…"
    return REMOVED


class _Names:
    """References wanted by a page, resolved with one query per table."""

    def __init__(self):
        self.wanted: dict[type, set] = {}
        self.found: dict[tuple, str] = {}

    def want(self, model, value):
        if isinstance(value, int) and not isinstance(value, bool):
            self.wanted.setdefault(model, set()).add(value)

    def want_field(self, model, key, *values):
        column = model._meta.fields.get(key) if model else None
        if isinstance(column, ForeignKeyField):
            for value in values:
                self.want(column.rel_model, value)

    def resolve(self):
        for model, ids in self.wanted.items():
            for obj in model.select().where(model._meta.primary_key.in_(list(ids))):
                self.found[(model, obj._pk)] = _name_of(obj)  # not get_id(): Flask-Login's is a str

    def name(self, model, value):
        return self.found.get((model, value), REMOVED)

    def person(self, user_id, username):
        if user_id is None:
            return REMOVED if username else SYSTEM
        return self.found.get((User, user_id), REMOVED)
