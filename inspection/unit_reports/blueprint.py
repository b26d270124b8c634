"""The unit reports blueprint: a unit's monthly reports under /reports/units (R-19.1, R-20.1)."""

from flask import Blueprint

from inspection.accounts.policy import can
from inspection.unit_reports import rules

bp = Blueprint("unit_reports", __name__, url_prefix="/reports/units")


@bp.app_context_processor
def _labels():
    return {"UNIT_REPORT_TIMELINESS": rules.TIMELINESS, "UNIT_REPORT_EVENTS": rules.EVENTS}


@bp.context_processor
def _policy():
    # The report page shows the draft form, the send button and the return form by the policy.
    return {"can": can}
