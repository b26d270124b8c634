"""Who may manage templates, see the outgoing register, view and issue documents."""

from inspection.accounts import roles
from inspection.accounts.policy import rule


def _office(user):
    return user.has_role(*roles.OFFICE) or user.has_role(roles.ADMIN)


@rule("documents.templates.manage")
def _manage_templates(user, target):
    return user.has_role(roles.CHIEF, roles.ADMIN)


@rule("documents.register.view")
def _register(user, target):
    return _office(user) or user.has_role(roles.ARCHIVIST)


@rule("documents.view")
def _view(user, target):
    if target is not None and target.secret and not user.clearance:
        return False
    if target is not None and user.id in (target.created_by_id, target.submitted_to_id):
        return True  # its drafter, and the person it was submitted to for signature (issue 14)
    return _office(user) or user.has_role(roles.ARCHIVIST)


@rule("documents.issue")
def _issue(user, target):
    """Issue directly ("Ký ban hành"): only the one who signs it (issue 14, R-13.1); everybody else
    submits it (documents.submit). A form without a signature block (minutes, dossier forms) is
    stored by the Office."""
    if target is not None and target.secret and not user.clearance:
        return False
    if target is None:
        return user.has_role(*SIGNERS) or user.has_role(*roles.OFFICE)
    from .submission import own_keys

    return bool(own_keys(target, user))


@rule("documents.delegate")
def _delegate(user, target):
    return user.has_role(roles.DIRECTOR)  # only the Director delegates his decisions


# --- c1-sign: submission for signature (issue 14) ---------------------------------------------
SIGNERS = (roles.DIRECTOR, roles.DEPUTY, roles.CHIEF)


@rule("documents.submit")
def _submit(user, target):
    """Submit a draft for signature: the Office, or its own drafter (a team leader's report)."""
    if target is not None and target.secret and not user.clearance:
        return False
    return user.has_role(*roles.OFFICE) or (target is not None and target.created_by_id == user.id)


@rule("documents.queue")
def _queue(user, target):
    """The queue "Văn bản chờ ký": the Director, Deputies and the Chief of Office sign (Decree 30);
    a team leader sees it while a report waits for his signature."""
    from .queries import waiting_for

    return user.has_role(*SIGNERS) or waiting_for(user).exists()
