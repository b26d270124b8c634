"""Submission for signature (trình ký, issue 14) of the documents of a plan or case.

The case pages' buttons call `issuing.submit_X`: the signer signs at once (one round to himself),
anyone else submits the draft to him; a returned draft is brought up to date, not doubled. When
the signer signs from his queue, documents.hooks runs the `issuing.finish_X` of that kind.
"""

from inspection.errors import Conflict, ValidationFailed


def _pending(kind, subject, states):
    from inspection.documents.models import OutgoingDocument

    subject_type, subject_id = subject
    return (
        OutgoingDocument.select()
        .where(
            (OutgoingDocument.kind == kind)
            & (OutgoingDocument.subject_type == subject_type)
            & (OutgoingDocument.subject_id == subject_id)
            & OutgoingDocument.state.in_(states)
        )
        .order_by(OutgoingDocument.id.desc())
        .first()
    )


def waiting(kind, subject):
    """The draft of `kind` for `subject` waiting for signature, or None (the case page says so)."""
    return _pending(kind, subject, ("submitted",))


def returned(kind, subject):
    """The last round of the subject's returned draft of `kind` (its remarks), or None."""
    draft = _pending(kind, subject, ("draft",))
    rounds = list(draft.rounds) if draft is not None else []
    last = max(rounds, key=lambda r: r.round_no) if rounds else None
    return last if last is not None and last.outcome == "returned" else None


def refuse_if_waiting(kind, subject):
    doc = waiting(kind, subject)
    if doc is not None:
        who = doc.submitted_to.full_name if doc.submitted_to else "người ký"
        raise Conflict(f"Dự thảo đang chờ {who} ký; không lập hay ban hành bản khác cùng lúc.")


def _draft_for(kind, ctx, user, subject):
    """The subject's returned draft brought up to date with `ctx`, or a new draft."""
    from inspection.documents import operations as docops

    refuse_if_waiting(kind, subject)
    draft = _pending(kind, subject, ("draft",))
    if draft is not None:
        return docops.update_draft(draft, ctx, user)
    return docops.create_draft(kind, ctx, user, subject=subject)


def default_signer(doc, block):
    """The account that signs as `block`: the one named in it, else the first who holds the role."""
    from inspection.documents import signers, submission

    people = submission.candidates(doc, signers.key_of(block))
    named = [u for u in people if u.full_name == block.get("signer_name")]
    if not (named or people):
        raise ValidationFailed(
            f"Chưa có tài khoản nào của {signers.LABELS.get(signers.key_of(block), 'người ký')} để trình ký.",
            field="signer",
        )
    return (named or people)[0]


def submit_or_sign(kind, ctx, user, signer, subject):
    """The case pages' button (issue 14): the signer signs at once; anyone else submits to him.

    Returns the document: issued (the owning part's hook has finished its step) or waiting."""
    from inspection.documents import signers, submission
    from inspection.documents.render import DocumentError

    check_issue(kind, signer, None)
    try:
        doc = _draft_for(kind, ctx, user, subject)
        if submission.refusal(doc, user, signers.key_of(signer)) is None:
            return submission.sign_own(doc, user, signer)
        return submission.submit(doc, user, signer, default_signer(doc, signer))
    except DocumentError as exc:
        raise ValidationFailed(exc.message) from exc


def may_sign(kind, user, signer):
    """Whether `user` signs `kind` himself as `signer` (the button reads "Ký ban hành")."""
    from inspection.documents import signers

    key = signers.key_of(signer)
    person = (user.role_set, user.full_name, user.id)
    return signers.signer_refusal(kind, key, person, signers.delegation()) is None


def signed_or_submitted(what, article=""):
    """The success message of a "trình ký" button: signed with its number, or submitted to whom."""

    def message(result):
        doc = result if hasattr(result, "submitted_to") else None
        if doc is None or doc.state == "issued":
            number = f" số {doc.number_text}" if doc is not None and doc.number else ""
            return f"Đã ban hành {what}{number}."
        return f"Đã trình {doc.submitted_to.full_name} ký {what}{f' ({article})' if article else ''}."

    return message


decision_message = signed_or_submitted("quyết định kiểm tra", "khoản 1 Điều 13")


# The article a refused issue date or signer cites, per kind (R-13.1, R-13d, R-16.2).
DATE_ARTICLES = {"inspection_report": "khoản 2 Điều 16", "conclusion_notice": "khoản 2 Điều 16"}


def check_issue(kind, signer, issued_on):
    """Refuse, before anything is written, a date other than today or a signer the kind does not admit."""
    from inspection.cases import operations as ops
    from inspection.documents import rules as docrules
    from inspection.documents import signers

    article = DATE_ARTICLES.get(kind, docrules.DATE_RULE)
    error = docrules.issue_date_error(issued_on, ops.today(), article)
    if error:
        raise ValidationFailed(error, field="issued_on")
    error = signers.refusal(kind, signer or {}, signers.delegation()) if signer is not None else None
    if error:
        raise ValidationFailed(error, field="signer")
