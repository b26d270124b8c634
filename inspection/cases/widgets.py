"""Home-page widget: open cases with their report and notice deadline (R-16.2), their time limit
(R-13d) and planned inspections
whose window approaches."""

from inspection.accounts.policy import can
from inspection.cases import operations as ops
from inspection.cases import queries, rules
from inspection.dashboard import widget

OPEN = (rules.DECIDED, rules.IN_PROGRESS, rules.ENDED, rules.REPORTED)  # REPORTED: the notice is still due
PLAN_LOOKAHEAD_DAYS = 30


@widget(order=40, template="cases/_widget.html")
def open_cases(user):
    """Cases in progress or awaiting their report or notice, flagged when late (R-16.2) or past their
    time limit without an extension (R-13d)."""
    today = ops.today()
    cases = [c for c, mode in queries.visible_cases(user) if mode == "full" and c.state in OPEN]
    upcoming = queries.upcoming_plan_items(today, PLAN_LOOKAHEAD_DAYS) if can(user, "cases.plan.view") else []
    if not cases and not upcoming:
        return None
    rows = [{"case": c, "flags": rules.case_flags(rules.case_dates(c), today)} for c in cases]
    return {"rows": rows, "upcoming": upcoming, "labels": rules.STATE_LABELS}
