"""Home-page widget: open cases with their report deadline (R-16.2) and planned inspections
whose window approaches."""

from inspection.accounts.policy import can
from inspection.cases import operations as ops
from inspection.cases import queries, rules
from inspection.dashboard import widget

OPEN = (rules.DECIDED, rules.IN_PROGRESS, rules.ENDED)
PLAN_LOOKAHEAD_DAYS = 30


@widget(order=40, template="cases/_widget.html")
def open_cases(user):
    """Cases in progress or awaiting their report, flagged when the report is late."""
    today = ops.today()
    cases = [c for c, mode in queries.visible_cases(user) if mode == "full" and c.state in OPEN]
    upcoming = queries.upcoming_plan_items(today, PLAN_LOOKAHEAD_DAYS) if can(user, "cases.plan.view") else []
    if not cases and not upcoming:
        return None
    rows = [
        {"case": c, "late": c.state == rules.ENDED and rules.report_late(c.report_due_on, None, today)} for c in cases
    ]
    return {"rows": rows, "upcoming": upcoming, "labels": rules.STATE_LABELS}
