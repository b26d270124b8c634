"""What the documents pages show: template versions, the outgoing register, one document."""

from inspection import history

from . import kinds, register
from .models import OutgoingDocument, TemplateVersion


def active_versions():
    """The uploaded version in use for each kind that has one."""
    return {v.kind: v for v in TemplateVersion.select().where(TemplateVersion.active)}


def kind_page(kind):
    """A kind's uploaded versions, newest first, and whether an uploaded one is in use."""
    versions = list(
        TemplateVersion.select().where(TemplateVersion.kind == kind.name).order_by(TemplateVersion.version.desc())
    )
    return {"kind": kind, "versions": versions, "edited": any(v.active for v in versions)}


def register_page(year, secret, kind=None):
    """The outgoing register of a year (ordinary or secret, R-5.2) and the latest drafts."""
    drafts = (
        OutgoingDocument.select()
        .where(OutgoingDocument.state.in_(("draft", "submitted")) & (OutgoingDocument.secret == secret))
        .order_by(OutgoingDocument.id.desc())
        .limit(50)
    )
    return {
        "docs": register.entries(year, secret, kind if kind in kinds.NAMES else None),
        "drafts": list(drafts),
        "year": year,
        "secret": secret,
        "kind": kind,
    }


def document_page(doc, viewer):
    """One outgoing document, its kind and its history as `viewer` may read it (R-5.2)."""
    return {
        "doc": doc,
        "kind": kinds.get(doc.kind),
        "history": history.for_record(doc, viewer),
        "rounds": rounds(doc),  # c1-sign
    }


# --- c1-sign: submission for signature (issue 14) ---------------------------------------------
def waiting_for(user):
    """The drafts waiting for `user`'s signature, oldest first; secret ones only with clearance (R-5.2)."""
    from .models import SUBMITTED

    cond = (OutgoingDocument.state == SUBMITTED) & (OutgoingDocument.submitted_to == user.id)
    if not user.clearance:
        cond &= OutgoingDocument.secret == False  # noqa: E712
    return OutgoingDocument.select().where(cond).order_by(OutgoingDocument.submitted_at, OutgoingDocument.id)


def rounds(doc):
    """Every round of submission of a document, first to last."""
    from .models import SignatureRound

    return list(SignatureRound.select().where(SignatureRound.document == doc.id).order_by(SignatureRound.round_no))
