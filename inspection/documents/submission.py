"""Every write of submission for signature (trình ký, issue 14): submit, return, sign.

A draft is submitted to the one person who signs it (signers.signer_refusal); it then waits,
frozen, in his queue until he returns it with remarks (back to a draft, to correct and submit
again) or signs it: the existing issue() path numbers it, dates it the day of signing, signs
the PDF and freezes it. Each submission is a SignatureRound row that stays. Rendering happens
outside any transaction (ARCHITECTURE.md); the state changes are short transactions.
"""

import json

from inspection import audit, clock
from inspection.accounts.models import User
from inspection.db import db
from inspection.errors import Conflict, NotAllowed, ValidationFailed

from . import hooks, kinds, operations, render, rules, signers
from .models import DRAFT, ISSUED, ISSUING, RETURNED, SIGNED, SUBMITTED, OutgoingDocument, SignatureRound

REMARKS_REQUIRED = "Phải ghi ý kiến khi trả lại dự thảo, để người soạn thảo biết cần sửa gì."
STALE = "Trang đã cũ: dự thảo đã được trình lại (lần {now}); hãy tải lại trang và xem bản mới."
NOT_WAITING = "Dự thảo không còn chờ ký (đã được trả lại để sửa); hãy tải lại trang."


def person(user):
    """(roles, full name, id) of a user, as signers.signer_refusal reads them."""
    return (user.role_set, user.full_name, user.id)


def refusal(doc, user, key=None) -> str | None:
    """Return why `user` may not sign `doc` as its chosen signer block, or None (R-13.1)."""
    key = key or doc.signer_key
    return signers.signer_refusal(doc.kind, key, person(user), signers.delegation(), hooks.signer_ids(doc))


def own_keys(doc, user) -> list:
    """The signer blocks as which `user` may sign `doc` himself (issue 14: only the signer issues).

    A kind without a signature block (minutes, dossier forms) has no signer: the Office stores it."""
    from inspection.accounts import roles

    if doc.kind not in signers.ALLOWED:
        return [""] if user.has_role(*roles.OFFICE) else []
    keys = signers.allowed(doc.kind, signers.delegation())
    return [k for k in keys if refusal(doc, user, k) is None]


def candidates(doc, key):
    """The active users who may sign `doc` as signer `key` (the Director, a Deputy, …)."""
    people = User.select().where(User.active == True).order_by(User.full_name)  # noqa: E712
    return [u for u in people if refusal(doc, u, key) is None and (not doc.secret or u.clearance)]


def open_round(doc):
    """The round still waiting for a decision, or None."""
    return (
        SignatureRound.select()
        .where((SignatureRound.document == doc.id) & (SignatureRound.outcome == ""))
        .order_by(SignatureRound.round_no.desc())
        .first()
    )


def _name(user):
    return user.full_name if user is not None else "người ký"


def _fresh(doc):
    return OutgoingDocument.get_by_id(doc.id)


def _signed_conflict(doc):
    return Conflict(f"Văn bản đã được ký ban hành với số {doc.number_text}; không ký lại, không cấp số mới.")


def _drafted_context(doc, block, user):
    """The draft's context with the chosen signer block and the "Lưu:" line (Decree 30)."""
    drafter = doc.created_by or user
    initials = rules.initials(drafter.full_name if drafter else "")
    ctx = doc.ctx
    ctx.update(render.clean(block))
    if "archive_units" in kinds.get(doc.kind).fields:
        ctx["archive_units"] = rules.archive_line(doc.drafting_unit_abbr, initials, doc.copies)
    return ctx, initials


def submit(doc, user, block, to_user) -> OutgoingDocument:
    """Submit a draft to `to_user` to sign it as `block` (R-13.1); it is frozen while it waits."""
    doc = _fresh(doc)
    if doc.state in (ISSUING, ISSUED):
        raise _signed_conflict(doc)
    if doc.state == SUBMITTED:
        raise Conflict(f"Dự thảo đang chờ {_name(doc.submitted_to)} ký; không trình lại được.")
    error = signers.refusal(doc.kind, block, signers.delegation())
    if error:
        raise ValidationFailed(error, field="signer")
    key = signers.key_of(block)
    if to_user is None or not to_user.active:
        raise ValidationFailed("Phải chọn người ký để trình.", field="to_user")
    if refusal(doc, to_user, key) or (doc.secret and not to_user.clearance):
        article = signers.ARTICLE.get(doc.kind, "Nghị định 30/2020/NĐ-CP")
        raise ValidationFailed(
            f"{to_user.full_name} không phải là {signers.LABELS.get(key, 'người ký')} của văn bản này ({article}).",
            field="to_user",
        )
    ctx, initials = _drafted_context(doc, block, user)
    with db.atomic():
        before = operations._snap(doc)
        last = SignatureRound.select().where(SignatureRound.document == doc.id).count()
        doc.context = json.dumps(ctx, ensure_ascii=False)
        for name, value in operations._register_fields(ctx).items():
            setattr(doc, name, value)
        doc.state, doc.signer_key, doc.drafter_initials = SUBMITTED, key, initials
        doc.submitted_to, doc.submitted_by, doc.submitted_at = to_user.id, user.id, clock.now()
        doc.save()
        r = SignatureRound.create(document=doc, round_no=last + 1, submitted_by=user.id, submitted_to=to_user.id)
        audit.record(user, "submit", doc, before, operations._snap(doc))
        audit.record(user, "create", r, None, audit.snapshot(r), secret=doc.secret)
        if to_user.id != user.id:
            _notify(to_user, doc, f"Văn bản chờ ký: {kinds.get(doc.kind).name_vi} – {doc.abstract}", "documents.queue")
    return doc


def sign_own(doc, user, block) -> OutgoingDocument:
    """The signer drafts and signs himself: one round submitted to himself, signed at once.

    A signature refused before a number is taken (profile unconfirmed, template or certificate
    problem) leaves the draft as it was: the round to himself is withdrawn (nothing half-written)."""
    before = _fresh(doc)
    submitted = submit(doc, user, block, user)
    try:
        return sign(submitted, user)
    except Exception:
        _withdraw(before, user)
        raise


def _withdraw(before, user):
    """Undo a self-submission whose signature failed before numbering (still SUBMITTED)."""
    with db.atomic():
        fresh = _fresh(before)
        if fresh.state != SUBMITTED:
            return  # numbered meanwhile: an interrupted signature, finished by signing again
        SignatureRound.delete().where((SignatureRound.document == fresh.id) & (SignatureRound.outcome == "")).execute()
        fields = ("context", "state", "signer_key", "drafter_initials", "submitted_to", "submitted_by", "submitted_at")
        snap = operations._snap(fresh)
        for name in (*fields, *operations._register_fields(before.ctx)):
            setattr(fresh, name, getattr(before, name))
        fresh.save()
        audit.record(user, "update", fresh, snap, operations._snap(fresh), secret=fresh.secret)


def issue_own(doc, user, key="", issued_on=None) -> OutgoingDocument:
    """The document page's "Ký ban hành" (issue 14): only the one who signs a draft issues it, at once,
    as signer `key` ("" keeps the draft's block); anybody else submits it (R-13.1). A form without
    a signature block (minutes, dossier forms) is stored by the Office; an interrupted issue resumes
    with the number it took."""
    doc = _fresh(doc)
    error = rules.issue_date_error(issued_on, clock.today())
    if error:
        raise ValidationFailed(error, field="issued_on")
    if doc.kind not in signers.ALLOWED:
        return operations.issue(doc, user)
    if doc.state == ISSUING and open_round(doc) is not None:
        return sign(doc, user)
    key = key or signers.key_of(doc.ctx) or doc.signer_key
    error = refusal(doc, user, key) if key else "Phải chọn người ký."
    if error:
        raise ValidationFailed(error, field="signer")
    if doc.state == ISSUING:
        return operations.issue(doc, user)  # interrupted before issue 14: same number, same signer
    if key in signers.BLOCKS:  # the one who signs is printed under his block, not another Deputy
        block = signers.signer_block(key, name=user.full_name)
    else:
        block = {f: doc.ctx.get(f, "") for f in (*signers.FIELDS, "presider") if f in doc.ctx}
    return sign_own(doc, user, block)


def _check_signer(doc, user, round_no):
    """The one who was submitted to, still holding the authority, on the current round."""
    current = open_round(doc)
    if round_no is not None and current is not None and current.round_no != round_no:
        raise Conflict(STALE.format(now=current.round_no))
    if doc.submitted_to_id != user.id:
        raise NotAllowed(f"Dự thảo được trình {_name(doc.submitted_to)} ký, không phải bạn.")
    error = refusal(doc, user)
    if error:
        raise NotAllowed(error)
    return current


def return_for_changes(doc, user, remarks, round_no=None) -> OutgoingDocument:
    """Return a waiting draft to its drafter with remarks (required); it becomes a draft again."""
    doc = _fresh(doc)
    if doc.state in (ISSUING, ISSUED):
        raise _signed_conflict(doc)
    if doc.state != SUBMITTED:
        raise Conflict(NOT_WAITING)
    current = _check_signer(doc, user, round_no)
    remarks = (remarks or "").strip()
    if not remarks:
        raise ValidationFailed(REMARKS_REQUIRED, field="remarks")
    with db.atomic():
        before = operations._snap(doc)
        doc.state = DRAFT
        doc.save()
        _close(current, user, RETURNED, remarks, doc.secret)
        audit.record(user, "return", doc, before, operations._snap(doc))
        text = f"Dự thảo {kinds.get(doc.kind).name_vi} được trả lại để sửa: {remarks}"
        _notify(doc.submitted_by, doc, text, "documents.show_document", document_id=doc.id)
    return doc


def sign(doc, user, round_no=None) -> OutgoingDocument:
    """Sign a waiting draft: numbered, dated today, signed and frozen (operations.issue); once only.

    A second signature (another tab) is refused with the number given; an interrupted one
    (numbered, round still open) is finished by signing again.
    """
    doc = _fresh(doc)
    current = open_round(doc)
    if doc.state in (ISSUING, ISSUED) and current is None:
        raise _signed_conflict(doc)
    if doc.state == DRAFT:
        raise Conflict(NOT_WAITING)
    current = _check_signer(doc, user, round_no)
    # An interrupted signature (already issued, round still open) only finishes its step.
    signed = doc if doc.state == ISSUED else operations.issue(doc, user, ready=SUBMITTED)
    with db.atomic():
        if not _close(current, user, SIGNED, "", doc.secret):
            raise _signed_conflict(signed)  # the other tab closed the round first
        audit.record(user, "sign", signed, None, {"state": signed.state}, secret=signed.secret)
        hooks.finish(signed, user)  # the owning part links it and moves its subject
        text = f"Đã ký ban hành {kinds.get(signed.kind).name_vi} số {signed.number_text or ''}"
        if signed.submitted_by_id != user.id:
            _notify(signed.submitted_by, signed, text, "documents.show_document", document_id=signed.id)
    return signed


def _close(current, user, outcome, remarks, secret):
    """Record the round's outcome once; return False when someone else already did."""
    if current is None:
        return False
    done = (
        SignatureRound.update(outcome=outcome, remarks=remarks, decided_by=user.id, decided_at=clock.now())
        .where((SignatureRound.id == current.id) & (SignatureRound.outcome == ""))
        .execute()
    )
    if done:
        after = {"outcome": outcome, "remarks": remarks, "decided_by": user.id}
        audit.record(user, "update", current, {"outcome": ""}, after, secret=secret)
    return bool(done)


def _notify(recipient, doc, text, endpoint, **values):
    """A message in the recipient's inbox; a secret document's words never leave (R-5.2)."""
    from inspection.notifications import operations as notes
    from inspection.notifications.queries import link_path

    if recipient is None:
        return
    notes.notify([recipient], "info", f"document:{doc.id}", text, link_path(endpoint, **values), secret=doc.secret)
