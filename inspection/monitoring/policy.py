"""Who sees the dashboards (R-8; R-5.2 keeps secret tasks out of them).

The Director, Deputies and the Office see the Department's dashboard and every unit's;
a unit's head and officers see their own unit's dashboard only.
"""

from inspection.accounts import roles as R
from inspection.accounts.policy import rule

UNIT_ROLES = (R.UNIT_HEAD, R.UNIT_OFFICER)


def _unit_member(user):
    return bool(user.unit_id) and user.has_role(*UNIT_ROLES)


@rule("monitoring.view")
def _view(user, target):
    return user.is_office or _unit_member(user)


@rule("monitoring.dashboard")
def _dashboard(user, target):
    return user.is_office


@rule("monitoring.unit.view")
def _unit_view(user, target):
    if user.is_office:
        return True
    return _unit_member(user) and (target is None or getattr(target, "id", None) == user.unit_id)


@rule("monitoring.urge")
def _urge(user, target):
    # the Office (Chánh Văn phòng, the tracking officers) urges the lead units.
    return user.has_role(R.CHIEF, R.TRACKER)


@rule("monitoring.urging.answer")
def _answer(user, target):
    # the urged unit answers; the Office writes down an answer given by phone or at a meeting.
    if user.has_role(R.CHIEF, R.TRACKER):
        return True
    return _unit_member(user) and (target is None or getattr(target, "to_unit_id", None) == user.unit_id)


@rule("monitoring.urge_cooperating")
def _urge_cooperating(user, target):
    # the lead unit urges the units cooperating on its task, inside the system.
    return _unit_member(user) and (target is None or getattr(target, "lead_unit_id", None) == user.unit_id)
