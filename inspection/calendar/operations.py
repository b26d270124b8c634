"""Writes of the calendar administration: each in one transaction, audited."""

from peewee import IntegrityError

from inspection import audit
from inspection.calendar import rules
from inspection.calendar.models import WorkdayOverride
from inspection.calendar.service import build_calendar, current_calendar, forget_calendar
from inspection.cases import operations as case_operations
from inspection.db import db
from inspection.errors import ValidationFailed
from inspection.register import operations as register_operations
from inspection.text import nfc


def add_override(user, day, kind, name, document_ref=""):
    """Add an extra day off or extra working day, announced by `document_ref`."""
    name, document_ref = nfc((name or "").strip()), nfc((document_ref or "").strip())
    taken = day is not None and WorkdayOverride.select().where(WorkdayOverride.day == day).exists()
    rules.check_override(current_calendar(), day, kind, name, taken=taken)
    try:
        with db.atomic():
            row = WorkdayOverride.create(day=day, kind=kind, name=name, document_ref=document_ref, created_by=user)
            audit.record(user, "create", row, None, audit.snapshot(row))
            recompute_due_dates(day)
    except IntegrityError:
        raise ValidationFailed(f"Ngày {day:%d/%m/%Y} vừa được người khác điều chỉnh.", field="day") from None
    forget_calendar()
    return row


def delete_override(user, row):
    """Remove an override; the package and shipped corrections apply again."""
    with db.atomic():
        before = audit.snapshot(row)
        audit.record(user, "delete", row, before, None)
        row.delete_instance()
        recompute_due_dates(row.day)
    forget_calendar()


def recompute_due_dates(day):
    """Recompute every stored due date the changed day can move, in this transaction:
    task registration limits (R-6.1b) and inspection report deadlines (R-16.2)."""
    cal = build_calendar()  # read inside the transaction: it sees the change
    register_operations.recompute_registration_due(cal, day=day)
    case_operations.recompute_dues(cal, day)
