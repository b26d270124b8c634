"""Who may see and do the archivist's year (issue 17): the archivist acts (transfer, disposal,
holds); the Chief of Office and the leadership read, as they read the archive (archive.view)."""

from inspection.accounts import roles
from inspection.accounts.policy import rule


@rule("archive.manage")
def _manage(user, target):
    return user.has_role(roles.ARCHIVIST)
