"""Every write of the reports part: draft a report, rewrite its narrative, regenerate its figures.

The content is computed before the transaction (reads only) and stored with the draft; the
document engine (documents/operations.py) checks the context and keeps the draft. Issuing is
the engine's (/documents/<id>): numbered in the ordinary or the secret sequence, frozen.
"""

import json

from inspection import audit, clock, settings
from inspection.accounts.models import Unit
from inspection.db import db
from inspection.documents import operations as documents
from inspection.documents.models import DRAFT
from inspection.errors import Conflict, NotAllowed, ValidationFailed
from inspection.monitoring import figures
from inspection.register.models import ISSUER_KINDS, Task
from inspection.text import parse_id

from . import content, document, rules
from .models import Report

AUDITED = ["kind", "secret", "scope", "scope_ref", "period_start", "period_end", "document", "generated_at"]
MSG_SCOPE = {
    rules.UNIT: "Chọn đơn vị của báo cáo.",
    rules.ISSUER: "Chọn cơ quan, người giao nhiệm vụ của báo cáo.",
    rules.TASK: "Không có nhiệm vụ số này trong sổ.",
}
SCOPE_FIELD = {rules.UNIT: "unit", rules.ISSUER: "issuer", rules.TASK: "task_id"}


def _due_soon_days():
    return int(settings.get("register.due_soon_days"))


def _check(spec, user, today):
    """Refuse what cannot be reported: no clearance for a secret report, a bad period or scope."""
    if spec["secret"] and not user.clearance:
        raise NotAllowed(rules.MSG_NO_CLEARANCE)
    if spec["secret"] and spec["kind"] == rules.MONTHLY:
        raise ValidationFailed(rules.MSG_SECRET_MONTHLY, field="kind")
    refusal = rules.period_refusal(spec["start"], spec["end"], today, figures.first_day(spec["secret"]))
    if refusal:
        raise ValidationFailed(*refusal)
    _check_scope(spec)


def _id(ref):
    """The id a form sent, or None (odd digits, too large: R-5.1g's subject is then not found)."""
    try:
        return parse_id(ref)
    except ValueError:
        return None


def _check_scope(spec):
    scope, ref = spec["scope"], str(spec.get("scope_ref") or "")
    if scope == rules.ALL:
        spec["scope_ref"] = ""
        return
    found = {
        rules.UNIT: lambda i: i is not None and Unit.get_or_none(Unit.id == i) is not None,
        rules.ISSUER: lambda _i: ref in ISSUER_KINDS,
        # A secret task's number is "not in the register" of an ordinary report.
        rules.TASK: lambda i: (
            i is not None and Task.get_or_none((Task.id == i) & (Task.is_secret == bool(spec["secret"]))) is not None
        ),
    }[scope](_id(ref) if scope != rules.ISSUER else None)
    if not found:
        raise ValidationFailed(MSG_SCOPE[scope], field=SCOPE_FIELD[scope])
    spec["scope_ref"] = ref if scope == rules.ISSUER else str(_id(ref))


def _compute(spec, texts, calendar):
    data = content.gather(spec, calendar, _due_soon_days())
    ctx = document.context(data, texts, content.scope_label(spec["scope"], spec["scope_ref"]))
    return data, ctx


def create(user, spec, texts, calendar) -> Report:
    """Compute a report as of its cut-off and keep it as a draft document (R-18, R-20.2, R-5.2).

    `spec`: kind, start, end, secret, scope, scope_ref; `texts`: the Office's narrative.
    """
    _check(spec, user, clock.today())
    data, ctx = _compute(spec, texts, calendar)
    with db.atomic():
        doc = documents.create_draft(document.KIND, ctx, user, secret=spec["secret"], subject=None)
        report = Report.create(
            kind=spec["kind"],
            secret=spec["secret"],
            scope=spec["scope"],
            scope_ref=spec["scope_ref"],
            period_start=spec["start"],
            period_end=spec["end"],
            content=json.dumps(data, ensure_ascii=False),
            narrative=json.dumps(texts, ensure_ascii=False),
            document=doc.id,
            created_by=user.id,
        )
        doc.subject_type, doc.subject_id = "report", report.id
        doc.save(only=["subject_type", "subject_id"])
        audit.record(user, "create", report, None, audit.snapshot(report, only=AUDITED))
    return report


def _frozen(report):
    if report.document.state != DRAFT:  # issued, or being numbered
        raise Conflict(rules.MSG_FROZEN.format(number=report.document.number_text))


def _spec(report):
    return dict(
        kind=report.kind,
        start=report.period_start,
        end=report.period_end,
        secret=report.secret,
        scope=report.scope,
        scope_ref=report.scope_ref,
    )


def update_texts(report, user, texts, calendar) -> Report:
    """Replace the narrative the Office writes; the figures stay as stored."""
    _frozen(report)
    data = report.data
    ctx = document.context(data, texts, content.scope_label(report.scope, report.scope_ref))
    with db.atomic():
        documents.update_draft(report.document, ctx, user)
        report.narrative = json.dumps(texts, ensure_ascii=False)
        report.save(only=["narrative"])
        audit.record(user, "update", report, None, {"narrative": "changed"})
    return report


def regenerate(report, user, calendar) -> bool:
    """Compute the draft's content again for the same cut-off; return whether anything changed.

    Figures are as of the cut-off, so later completions or extensions change nothing; an issued
    report is frozen (a new version is a new report).
    """
    _frozen(report)
    data, ctx = _compute(_spec(report), report.texts, calendar)
    changed = data != report.data
    with db.atomic():
        before = audit.snapshot(report, only=AUDITED)
        documents.update_draft(report.document, ctx, user)
        report.content = json.dumps(data, ensure_ascii=False)
        report.generated_at = clock.now()
        report.save(only=["content", "generated_at"])
        audit.record(user, "regenerate", report, before, audit.snapshot(report, only=AUDITED))
    return changed
