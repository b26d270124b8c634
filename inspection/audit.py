"""Append-only change history: who, when, what, values before and after (R-7, R-21).

The table refuses UPDATE and DELETE at the database level (triggers created by
migration 0001), and each entry carries the hash of the one before it (migration 0008,
`inspection.audit_chain`), so a row rewritten behind the triggers' back is found by
`flask --app app audit verify`.

Secret records (R-5.2) and everything hanging from them (progress updates, flags of a
secret task) are logged under `secret_<table>`, marked `secret`, and name the fields that
changed without their values. Every history view reads through `visible_to(viewer)`:
without clearance, secret entries do not exist — not in lists, counts or pages.
"""

import contextlib
import datetime
import decimal
import json

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from inspection.accounts.models import User
from inspection.db import BaseModel, db
from inspection.field_labels import HIDDEN, label

# Never copied into history: secrets of the account itself.
_NEVER = {"password_hash"}
ACTION_LABELS = {
    "create": "Tạo mới",
    "update": "Cập nhật",
    "delete": "Xóa",
    "login": "Đăng nhập",
    "lockout": "Tạm khóa đăng nhập",
    "urge": "Đôn đốc",  # an urging of a task, in the task's own history
    # --- difficulties (R-19.2, R-10.1c): raised and decided, in the task's own history ---
    "difficulty": "Kiến nghị khó khăn, vướng mắc",
    "difficulty_decided": "Quyết định xử lý kiến nghị",
    # --- c1-sign: an outgoing document's steps (Decree 30; issue 14) ---
    "number": "Cấp số",
    "issue": "Ban hành",
    "submit": "Trình ký",
    "return": "Trả lại dự thảo",
    "sign": "Ký ban hành",
}
SECRET_PREFIX = "secret_"


class AuditEntry(BaseModel):
    at = DateTimeField(default=datetime.datetime.now, index=True)
    user = ForeignKeyField(User, null=True, on_delete="SET NULL")
    username = CharField(max_length=64, default="")
    action = CharField(max_length=20)
    table = CharField(max_length=64)
    record_id = IntegerField()
    before = TextField(null=True)
    after = TextField(null=True)
    secret = BooleanField(default=False)
    prev_hash = CharField(max_length=64, default="")
    entry_hash = CharField(max_length=64, default="")

    class Meta:
        table_name = "audit_entry"
        indexes = ((("table", "record_id", "at"), False),)

    @property
    def changes(self):
        """[(Vietnamese field label, old, new)] for the fields that differ (secret: names only)."""
        old = json.loads(self.before) if self.before else {}
        new = json.loads(self.after) if self.after else {}
        keys = sorted(set(old) | set(new))
        if self.secret:
            return [(label(k), None, None) for k in keys if k not in HIDDEN]
        return [(label(k), old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k) and k not in HIDDEN]

    @property
    def action_label(self):
        return ACTION_LABELS.get(self.action, self.action)


def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def snapshot(obj, only=None) -> dict:
    """The column values of a model instance as JSON-ready plain values (FKs as ids)."""
    data = {}
    for name, field in obj._meta.fields.items():
        if name in _NEVER or (only is not None and name not in only):
            continue
        data[name] = _plain(obj.__data__.get(field.name))
    return data


def is_secret(obj) -> bool:
    """R-5.2: a record is secret when it is, or when the task or document it hangs from is."""
    fields = obj._meta.fields
    if "is_secret" in fields or isinstance(getattr(type(obj), "is_secret", None), property):
        return bool(obj.is_secret)
    if "secret" in fields:
        return bool(obj.secret)
    for parent in ("task", "document"):
        if isinstance(fields.get(parent), ForeignKeyField) and obj.__data__.get(parent) is not None:
            return is_secret(getattr(obj, parent))
    return False


def reference_only(before, after) -> dict:
    """R-5.2: what a secret record's entry keeps — the names of the fields that changed, no values."""
    old, new = before or {}, after or {}
    return {k: None for k in sorted(set(old) | set(new)) if k != "id" and old.get(k) != new.get(k)}


def _json(value):
    return json.dumps(value, ensure_ascii=False, default=str) if value is not None else None


def record(user, action, obj, before=None, after=None, table=None, secret=None):
    """Append one history entry for `obj` (call inside the operation's transaction)."""
    secret = is_secret(obj) if secret is None else bool(secret)
    table = table or obj._meta.table_name
    if secret:
        before, after = None, reference_only(before, after)
        table = table if table.startswith(SECRET_PREFIX) else SECRET_PREFIX + table
    return append(
        user=user.id if user is not None and getattr(user, "id", None) else None,
        username=getattr(user, "username", "") or "",
        action=action,
        table=table,
        record_id=obj.get_id(),
        before=_json(before),
        after=_json(after),
        secret=secret,
    )


def append(**fields):
    """Insert one entry chained to the last one, under the chain's write lock."""
    from inspection import audit_hash

    # Inside the caller's transaction already (the usual case): no savepoint needed.
    with contextlib.nullcontext() if db.in_transaction() else db.atomic():
        fields.setdefault("at", datetime.datetime.now())
        fields.setdefault("secret", False)
        fields["prev_hash"] = audit_hash.lock_and_last_hash()
        fields["entry_hash"] = audit_hash.entry_hash(fields["prev_hash"], fields)
        return AuditEntry.create(**fields)


def chained(rows):
    """The same rows with their hashes, chained after the last entry (bulk inserts; lock held)."""
    from inspection import audit_hash

    prev = audit_hash.lock_and_last_hash()
    out = []
    for row in rows:
        row = {"secret": False, **row}
        row["prev_hash"] = prev
        row["entry_hash"] = prev = audit_hash.entry_hash(prev, row)
        out.append(row)
    return out


def visible_to(viewer):
    """Every entry `viewer` may read: secret ones only with clearance (R-5.2)."""
    query = AuditEntry.select()
    if not getattr(viewer, "clearance", False):
        query = query.where(AuditEntry.secret == False)  # noqa: E712
    return query


def log_query(viewer, table=""):
    """The change log as `viewer` may read it, newest first, optionally one table."""
    query = visible_to(viewer).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    return query.where(AuditEntry.table == table) if table else query


def history_for(obj, viewer=None):
    """Entries of one record as `viewer` may read them, newest first (no viewer: no secrets)."""
    table = (SECRET_PREFIX if is_secret(obj) else "") + obj._meta.table_name
    return list(
        visible_to(viewer)
        .where((AuditEntry.table == table) & (AuditEntry.record_id == obj.get_id()))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
