"""The retention schedule (bảng thời hạn bảo quản) the administrator keeps (issue 17).

Every write runs in db.atomic() and is audited; a line is never deleted once dossiers use
it (it is made inactive instead), so every dossier keeps the reference it was filed under.
"""

from inspection import audit
from inspection.db import db
from inspection.dossier import rules
from inspection.dossier.models import Dossier, RetentionLine
from inspection.errors import Conflict, ValidationFailed
from inspection.text import nfc

LINE_AUDIT = ["code", "title", "case_ground", "years", "legal_reference", "active", "note"]
FALLBACK_YEARS = 20  # a case kind without a line keeps the period dossiers always had


def lines(active_only=False):
    """The schedule, permanent lines last within the order of their codes."""
    q = RetentionLine.select().order_by(RetentionLine.code)
    if active_only:
        q = q.where(RetentionLine.active == True)  # noqa: E712
    return list(q)


def line_for_ground(ground):
    """The active default line for a kind of case, or None."""
    return (
        RetentionLine.select()
        .where((RetentionLine.case_ground == ground) & (RetentionLine.active == True))  # noqa: E712
        .order_by(RetentionLine.id)
        .first()
    )


def by_code(code):
    return RetentionLine.get_or_none(RetentionLine.code == (code or "").strip())


def clean(data):
    """Check a line's values (legal reference required); return them or raise ValidationFailed."""
    code = nfc((data.get("code") or "").strip())[:30]
    title = nfc((data.get("title") or "").strip())[:300]
    reference = nfc((data.get("legal_reference") or "").strip())[:300]
    permanent = bool(data.get("permanent"))
    years = None if permanent else data.get("years")
    if not permanent:
        try:
            years = int(years)
        except (TypeError, ValueError):
            raise ValidationFailed("Hãy nhập số năm bảo quản, hoặc chọn Vĩnh viễn.", field="years") from None
    errors = rules.check_retention_line(code, title, years, reference)
    if errors:
        field, message = errors[0]
        raise ValidationFailed(message, field=field)
    return {
        "code": code,
        "title": title,
        "years": years,
        "legal_reference": reference,
        "case_ground": (data.get("case_ground") or None),
        "active": bool(data.get("active", True)),
        "note": nfc((data.get("note") or "").strip())[:2000],
    }


def _refuse_taken_code(code, line_id=None):
    q = RetentionLine.select().where(RetentionLine.code == code)
    if line_id:
        q = q.where(RetentionLine.id != line_id)
    if q.exists():
        raise Conflict(f"Mã dòng {code} đã có trong bảng thời hạn bảo quản.", field="code")


def create_line(user, data):
    values = clean(data)
    with db.atomic():
        _refuse_taken_code(values["code"])
        line = RetentionLine.create(**values)
        audit.record(user, "create", line, None, audit.snapshot(line, only=LINE_AUDIT))
    return line


def update_line(line, user, data):
    """Correct a line; dossiers filed under it show the new period (their text follows)."""
    values = clean(data)
    with db.atomic():
        _refuse_taken_code(values["code"], line.id)
        before = audit.snapshot(line, only=LINE_AUDIT)
        for key, value in values.items():
            setattr(line, key, value)
        line.save()
        Dossier.update(retention=line.period_label).where(Dossier.retention_line == line).execute()
        audit.record(user, "update", line, before, audit.snapshot(line, only=LINE_AUDIT))
    return line


def retention_of(case):
    """(line or None, display text) for a new dossier of `case`: its kind's line."""
    line = line_for_ground(getattr(case, "ground", ""))
    return (line, line.period_label) if line else (None, rules.period_label(FALLBACK_YEARS))
