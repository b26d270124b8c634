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
    return _office(user) or user.has_role(roles.ARCHIVIST) or (target is not None and target.created_by_id == user.id)


@rule("documents.issue")
def _issue(user, target):
    if target is not None and target.secret and not user.clearance:
        return False
    return user.has_role(roles.DIRECTOR, roles.CHIEF, roles.TRACKER)


@rule("documents.delegate")
def _delegate(user, target):
    return user.has_role(roles.DIRECTOR)  # only the Director delegates his decisions
