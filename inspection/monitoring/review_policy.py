"""Who may use the review queue (R-7): the Office decides, leadership looks, units contest their own tasks.

Secret items (R-5.2) are shown only with clearance, in their own queue (review_views).
"""

from inspection.accounts import roles as R
from inspection.accounts.policy import rule
from inspection.monitoring.policy import UNIT_ROLES


@rule("monitoring.review.view")
def _view(user, target):
    # The Office (Chánh Văn phòng, tracking officers) and leadership see every unit's entries.
    return user.is_office


@rule("monitoring.review.decide")
def _decide(user, target):
    # the Office checks what units enter.
    return user.has_role(R.CHIEF, R.TRACKER)


@rule("monitoring.contest")
def _contest(user, target):
    # R-7.2b: the lead unit contests what the Office entered about its own task.
    member = bool(user.unit_id) and user.has_role(*UNIT_ROLES)
    return member and (target is None or getattr(target, "lead_unit_id", None) == user.unit_id)
