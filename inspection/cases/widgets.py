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
    may_create = can(user, "cases.create")  # issue 14: the ad hoc case starts from the home page
    if not cases and not upcoming and not may_create:
        return None
    rows = [{"case": c, "flags": rules.case_flags(rules.case_dates(c), today)} for c in cases]
    return {"rows": rows, "upcoming": upcoming, "labels": rules.STATE_LABELS, "can_create": may_create}


@widget(order=12, template="cases/_leadership_widget.html")
def leadership_queue(user):
    """What waits for the Director and Deputies: plans to approve (R-12.1) and inspection reports
    received whose notice of conclusions is still due (R-16.2)."""
    from inspection.accounts import roles
    from inspection.cases.models import InspectionCase, InspectionPlan

    if not user.has_role(*roles.LEADERSHIP):
        return None
    plans = list(
        InspectionPlan.select().where(InspectionPlan.state == rules.PLAN_SUBMITTED).order_by(InspectionPlan.id)
    )
    reports = list(
        InspectionCase.select()
        .where(InspectionCase.state == rules.REPORTED)
        .order_by(InspectionCase.report_due_on, InspectionCase.id)
    )
    return {"plans": plans if can(user, "cases.plan.approve") else [], "reports": reports}
