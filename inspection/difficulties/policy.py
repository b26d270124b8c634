"""Who raises, prepares and decides difficulties and disagreements (R-8.4, R-19.2, R-10.1c; R-5.2).

A unit raises items only on tasks it leads (a difficulty) or leads or takes part in (a
disagreement); the Office (Chief of Office, tracking officers) sees the queue and writes its
opinion; only the Director and the Deputies decide. Secret tasks need clearance on top.
"""

from inspection.accounts import roles as R
from inspection.accounts.policy import can, rule

UNIT_ROLES = (R.UNIT_HEAD, R.UNIT_OFFICER)
DECIDERS = (R.DIRECTOR, R.DEPUTY)
PREPARERS = (R.CHIEF, R.TRACKER)


def _secret_ok(user, task):
    return not task.is_secret or bool(user.clearance)


@rule("difficulty.queue")
def _queue(user, target):
    # The Office's and the Board's list of items waiting for a decision.
    return user.has_role(*DECIDERS, *PREPARERS)


@rule("difficulty.raise")
def _raise(user, target):
    # target: a task. Units only, on their own open tasks (the operation checks lead/cooperating).
    if not (user.unit_id and user.has_role(*UNIT_ROLES)):
        return False
    if target is None:
        return True
    if target.is_completed or target.returned_on is not None:
        return False
    return can(user, "register.view", target)


@rule("difficulty.view")
def _view(user, target):
    # target: a Difficulty. The Office and Board, and the units of its task (register.view decides).
    if target is None:
        return _queue(user, None) or _raise(user, None)
    return can(user, "register.view", target.task)


@rule("difficulty.prepare")
def _prepare(user, target):
    return user.has_role(*PREPARERS) and (target is None or _secret_ok(user, target.task))


@rule("difficulty.decide")
def _decide(user, target):
    return user.has_role(*DECIDERS) and (target is None or _secret_ok(user, target.task))
