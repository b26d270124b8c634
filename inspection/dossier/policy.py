"""Who may see, compile, close and browse dossiers (R-17; Decree 30 Art. 29).

Targets are Dossier rows (or None for the list pages). The team and the Office compile
the dossier; the Chief of Office closes it; once closed only reading is possible, and
the archivist reads closed dossiers and checks the packages.
"""

from inspection.accounts import roles
from inspection.accounts.policy import rule

LEADERSHIP = (roles.DIRECTOR, roles.DEPUTY)
OFFICE = (roles.CHIEF, roles.TRACKER)


def _member(user, dossier):
    from inspection.cases.policy import is_member

    return is_member(user, dossier.case_id)


@rule("dossier.view")
def _view(user, dossier):
    if user.has_role(*LEADERSHIP, *OFFICE):
        return True
    if dossier is None:
        return user.has_role(roles.ARCHIVIST)
    if dossier.is_closed and user.has_role(roles.ARCHIVIST):
        return True
    return _member(user, dossier)


@rule("dossier.edit")
def _edit(user, dossier):
    if dossier is not None and dossier.is_closed:
        return False
    if user.has_role(*OFFICE):
        return True
    return dossier is not None and _member(user, dossier)


@rule("dossier.close")
def _close(user, dossier):
    # Decree 30 Art. 29 / the issue: the Chief of Office closes the dossier.
    return user.has_role(roles.CHIEF) and (dossier is None or not dossier.is_closed)


@rule("archive.view")
def _archive(user, target):
    return user.has_role(roles.ARCHIVIST, roles.CHIEF, *LEADERSHIP)


# --- issue 17: paper dossiers, the retention schedule, the archive by year -------------------


@rule("archive.paper")
def _paper(user, target):
    """The archivist registers and imports past paper dossiers."""
    return user.has_role(roles.ARCHIVIST)


@rule("retention.view")
def _retention_view(user, target):
    """Everybody in the archive reads the schedule; the administrator keeps it."""
    return user.has_role(roles.ARCHIVIST, roles.CHIEF, roles.ADMIN, *LEADERSHIP)


@rule("retention.edit")
def _retention_edit(user, target):
    return user.has_role(roles.ADMIN)
