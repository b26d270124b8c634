"""Append-only change history: who, when, what, values before and after (R-7, R-21).

The table refuses UPDATE and DELETE at the database level (triggers created by
migration 0001), so not even a bug in the app can rewrite history.
"""

import datetime
import decimal
import json

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from inspection.accounts.models import User
from inspection.db import BaseModel
from inspection.field_labels import HIDDEN, label

# Never copied into history: secrets of the account itself.
_NEVER = {"password_hash"}
ACTION_LABELS = {"create": "Tạo mới", "update": "Cập nhật", "delete": "Xóa", "login": "Đăng nhập"}


class AuditEntry(BaseModel):
    at = DateTimeField(default=datetime.datetime.now, index=True)
    user = ForeignKeyField(User, null=True, on_delete="SET NULL")
    username = CharField(max_length=64, default="")
    action = CharField(max_length=20)
    table = CharField(max_length=64)
    record_id = IntegerField()
    before = TextField(null=True)
    after = TextField(null=True)

    class Meta:
        table_name = "audit_entry"
        indexes = ((("table", "record_id", "at"), False),)

    @property
    def changes(self):
        """[(Vietnamese field label, old, new)] for the fields that differ."""
        old = json.loads(self.before) if self.before else {}
        new = json.loads(self.after) if self.after else {}
        keys = sorted(set(old) | set(new))
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


def record(user, action, obj, before=None, after=None, table=None):
    """Append one history entry for `obj` (call inside the operation's transaction)."""
    return AuditEntry.create(
        user=user.id if user is not None and getattr(user, "id", None) else None,
        username=getattr(user, "username", "") or "",
        action=action,
        table=table or obj._meta.table_name,
        record_id=obj.get_id(),
        before=json.dumps(before, ensure_ascii=False, default=str) if before is not None else None,
        after=json.dumps(after, ensure_ascii=False, default=str) if after is not None else None,
    )


def history_for(obj, table=None):
    """Entries of one record, newest first."""
    return list(
        AuditEntry.select()
        .where((AuditEntry.table == (table or obj._meta.table_name)) & (AuditEntry.record_id == obj.get_id()))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
