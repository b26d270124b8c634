"""What the archivist's pages show: the due list (LT-17), the review list (LT-HUY), batches."""

from inspection.disposition import holds
from inspection.disposition import rules as ar
from inspection.disposition.models import (
    D_CANCELLED,
    T_CANCELLED,
    DestructionRecord,
    DisposalReview,
    Transfer,
)
from inspection.dossier.models import CLOSED, Dossier


def _ended(d):
    return ar.end_year(d.year, d.end_on)


def due_for_transfer(year):
    """Closed permanent dossiers that must be at the historical archive by the end of `year` (LT-17)."""
    rows = Dossier.select().where(Dossier.state == CLOSED).order_by(Dossier.year, Dossier.code)
    return [
        d
        for d in rows
        if _retention_known(d)
        and ar.due_for_transfer(d.state, d.retention, _ended(d), d.archived_at.year if d.archived_at else None, year)
    ]


def past_retention(year):
    """Closed dossiers whose retention is over by the end of `year` (the review list, LT-HUY)."""
    rows = Dossier.select().where(Dossier.state == CLOSED).order_by(Dossier.year, Dossier.code)
    return [d for d in rows if _retention_known(d) and ar.past_retention(d.retention, _ended(d), year)]


def _retention_known(d):
    try:
        ar.is_permanent(d.retention)
    except ValueError:
        return False  # a free-text period no rule can count: the archivist sees it in the archive
    return True


def counts_this_year(year):
    """The archivist's home figures: due for transfer, retention over, this year."""
    return {"due": len(due_for_transfer(year)), "expired": len(past_retention(year))}


def with_holds(dossiers):
    """Pair each dossier with the reasons it is held now."""
    return [(d, holds.hold_reasons(d)) for d in dossiers]


def transfers():
    return list(Transfer.select().order_by(Transfer.state == T_CANCELLED, Transfer.id.desc()))


def reviews():
    return list(DisposalReview.select().order_by(DisposalReview.state == D_CANCELLED, DisposalReview.id.desc()))


def records_of(review):
    return list(DestructionRecord.select().where(DestructionRecord.review == review).order_by(DestructionRecord.id))
