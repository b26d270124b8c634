"""Who may do what in the register (roles of docs/rules.md; R-5.2 secret register; R-7 checks).

Office roles (Director, Deputies, Chief of Office, tracking officers) see every task
that is not secret; unit heads and officers see their unit's tasks (lead or taking part).
Secret tasks need the user's clearance on top; no role implies it.
"""

from inspection.accounts import roles as R
from inspection.accounts.policy import rule

EDITORS = (R.CHIEF, R.TRACKER)
UNIT_ROLES = (R.UNIT_HEAD, R.UNIT_OFFICER)


def _in_unit(user, task):
    if not user.unit_id or not user.has_role(*UNIT_ROLES):
        return False
    if task.lead_unit_id == user.unit_id:
        return True
    from inspection.register.models import TaskUnit

    return TaskUnit.select().where((TaskUnit.task == task.id) & (TaskUnit.unit == user.unit_id)).exists()


def _secret_ok(user, target):
    return not getattr(target, "is_secret", False) or bool(user.clearance)


def _may_see_task(user, task):
    if not _secret_ok(user, task):
        return False
    return user.is_office or _in_unit(user, task)


@rule("register.view")
def _view(user, target):
    if target is None:
        return user.is_office or (user.has_role(*UNIT_ROLES) and bool(user.unit_id))
    if hasattr(target, "tasks") and not hasattr(target, "document"):  # a DirectiveDocument
        return _secret_ok(user, target) and (user.is_office or any(_in_unit(user, t) for t in target.tasks))
    return _may_see_task(user, target)


@rule("register.edit")
def _edit(user, target):
    return user.has_role(*EDITORS) and (target is None or _secret_ok(user, target))


@rule("register.secret.view")
def _secret_view(user, target):
    return bool(user.clearance) and (user.is_office or user.has_role(*UNIT_ROLES))


@rule("task.update_progress")
def _progress(user, target):
    if target is None:
        return user.has_role(*EDITORS, *UNIT_ROLES)
    if not _secret_ok(user, target) or target.returned_on is not None:
        return False
    return user.has_role(*EDITORS) or _in_unit(user, target)


@rule("task.flag")
def _flag(user, target):
    return user.has_role(*EDITORS) and (target is None or _secret_ok(user, getattr(target, "task", target)))


@rule("task.return")
def _return(user, target):
    return user.has_role(*EDITORS) and (target is None or _secret_ok(user, target))


@rule("task.extend")
def _extend(user, target):
    return user.has_role(*EDITORS) and (target is None or _secret_ok(user, target))
