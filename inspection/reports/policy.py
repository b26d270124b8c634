"""Who drafts and reads the Department's reports (R-18, R-20; R-5.2 for the secret report).

The Office (Chief of Office, tracking officers) drafts; leadership and the Office read every
report; a unit's head and officers read the issued ordinary reports (the figures of every unit
are the Department's shared picture, issued and sent upward). A secret report exists only for
users with clearance in the Office or leadership: for anyone else it is not there (404).
"""

from inspection.accounts import roles as R
from inspection.accounts.policy import rule

UNIT_ROLES = (R.UNIT_HEAD, R.UNIT_OFFICER)


def _unit_member(user):
    return bool(user.unit_id) and user.has_role(*UNIT_ROLES)


@rule("reports.view")
def _view(user, target):
    return user.is_office or _unit_member(user)


@rule("reports.draft")
def _draft(user, target):
    if target is not None and target.secret and not user.clearance:
        return False
    return user.has_role(R.CHIEF, R.TRACKER)


@rule("reports.secret")
def _secret(user, target):
    return bool(user.clearance) and user.is_office  # clearance, never implied by a role


@rule("reports.read")
def _read(user, target):
    if target is not None and target.secret:
        return bool(user.clearance) and user.is_office
    if user.is_office:
        return True
    return _unit_member(user) and (target is None or target.issued)


# --- q1-scorecards (R-23, R-25): the Office and leadership read the units' scorecards -----------
@rule("reports.scorecards")
def _scorecards(user, target):
    return user.is_office  # units' comparison for the emulation review: not shown to the units
