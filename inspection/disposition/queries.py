"""What the archivist's pages show: the due list (LT-17), the review list (LT-HUY), batches."""

from inspection.disposition import holds
from inspection.disposition import rules as ar
from inspection.disposition.models import (
    D_CANCELLED,
    D_DECIDED,
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


def decided_waiting(today):
    """Decided reviews whose destruction is still to be carried out, each with its last day and
    the days it is late (LT-HUY-15), the most pressing first."""
    rows = DisposalReview.select().where(DisposalReview.state == D_DECIDED)
    out = [(r, r.destruction_due, ar.destruction_overdue_days(r.decision_date, today)) for r in rows]
    return sorted(out, key=lambda item: (item[1] or today, item[0].id))


def with_holds(dossiers):
    """Pair each dossier with the reasons it is held now."""
    return [(d, holds.hold_reasons(d)) for d in dossiers]


def transfers():
    return list(Transfer.select().order_by(Transfer.state == T_CANCELLED, Transfer.id.desc()))


def reviews():
    return list(DisposalReview.select().order_by(DisposalReview.state == D_CANCELLED, DisposalReview.id.desc()))


def records_of(review):
    return list(DestructionRecord.select().where(DestructionRecord.review == review).order_by(DestructionRecord.id))


def destruction_notice(review, today):
    """{due_text, overdue_text, overdue_days} of a decided review's destruction limit (LT-HUY-15)."""
    due = review.destruction_due
    if not due:
        return {"due_text": "", "overdue_text": "", "overdue_days": 0}
    late = ar.destruction_overdue_days(review.decision_date, today)
    return {
        "due_text": ar.DESTROY_DUE_TEXT.format(due=due.strftime("%d/%m/%Y")),
        "overdue_text": ar.DESTROY_OVERDUE_TEXT.format(days=late) if late else "",
        "overdue_days": late,
    }
