"""Home-page widget of the archivist: closed dossiers waiting for their package, and the last
fixity check of the archive (issue 14: every role is told what waits for it)."""

import datetime

from inspection import clock, settings
from inspection.accounts import roles
from inspection.dashboard import widget
from inspection.dossier import queries
from inspection.dossier.models import CLOSED, Dossier

LIST_LIMIT = 5


@widget(order=50, template="dossier/_widget.html")
def archive_work(user):
    """The archivist's work; None for every other role."""
    if not user.has_role(roles.ARCHIVIST):
        return None
    waiting = Dossier.select().where((Dossier.state == CLOSED) & Dossier.archived_at.is_null())
    last = settings.get("archive.last_check")
    return {
        "waiting": list(waiting.order_by(Dossier.closed_at).limit(LIST_LIMIT)),
        "waiting_count": waiting.count(),
        "archived_this_year": Dossier.select()
        .where(Dossier.archived_at >= datetime.datetime(clock.today().year, 1, 1))
        .count(),
        "last_check": last,
        "due_this_year": queries.due_in(clock.today().year).count(),  # issue 17
        "year": clock.today().year,
        "last_check_at": datetime.datetime.fromisoformat(last["at"]) if last else None,
        **_year_work(),  # e2-transfer
    }


def _year_work():
    """e2-transfer (issue 17): due for transfer (LT-17) and retention over, this year."""
    from inspection.disposition import queries

    counts = queries.counts_this_year(clock.today().year)
    return {
        "due_transfer": counts["due"],
        "expired": counts["expired"],
        "year": clock.today().year,
        "to_destroy": queries.decided_waiting(clock.today()),  # LT-HUY-15
    }
