"""Who prepares, sends, sees and returns a unit's monthly report (R-19.1, R-20.1, R-7.2c).

A unit's officers prepare the draft, its head sends it (he answers for it, R-7.2c); the
Office (Chief of Office, tracking officers) and leadership see every unit's reports and
return one for correction. Nobody sees another unit's report.
"""

from inspection.accounts import roles as R
from inspection.accounts.policy import rule


def _unit_id(target):
    """The unit a target stands for: a Unit, or a report (its unit_id)."""
    if target is None:
        return None
    return getattr(target, "unit_id", None) if hasattr(target, "unit_id") else getattr(target, "id", None)


def _member(user, target, *roles):
    if not (user.unit_id and user.has_role(*roles)):
        return False
    return target is None or _unit_id(target) == user.unit_id


@rule("unit_reports.view")
def _view(user, target):
    return user.is_office or _member(user, None, R.UNIT_HEAD, R.UNIT_OFFICER)


@rule("unit_reports.overview")
def _overview(user, target):
    return user.is_office


@rule("unit_reports.unit.view")
def _unit_view(user, target):
    return user.is_office or _member(user, target, R.UNIT_HEAD, R.UNIT_OFFICER)


@rule("unit_reports.prepare")
def _prepare(user, target):
    return _member(user, target, R.UNIT_HEAD, R.UNIT_OFFICER)


@rule("unit_reports.submit")
def _submit(user, target):
    # R-7.2c: the unit head answers for his unit's updates; he sends the report.
    return _member(user, target, R.UNIT_HEAD)


@rule("unit_reports.return")
def _return(user, target):
    return user.is_office
